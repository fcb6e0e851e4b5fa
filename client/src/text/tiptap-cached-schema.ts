/**
 * `@tiptap/core` as tldraw sees it (see vite.config.ts), with one change: `generateHTML` and
 * `generateText` build the ProseMirror schema once per extension list instead of on every call.
 *
 * tldraw turns every sticky note's rich text into HTML to measure its label, through TipTap's
 * `generateHTML`, which resolves the extensions and builds a new schema each time. Loading a board
 * with 2,500 notes spent about 0.6 s of its 3.7 s on building the same schema again and again (see
 * docs/BENCHMARKS.md). A schema depends only on the extensions, and tldraw passes the same list
 * object every time, so keying the cache on that object is safe; a different list gets its own.
 */
import { getHTMLFromFragment, getSchema, getText, getTextSerializersFromSchema, type Extensions, type JSONContent, type TextSerializer } from '@tiptap/core'

export * from '@tiptap/core'

type Schema = ReturnType<typeof getSchema>

const schemas = new WeakMap<Extensions, Schema>()

/** The schema of `extensions`, built on first use. */
export function schemaFor(extensions: Extensions): Schema {
  let schema = schemas.get(extensions)
  if (!schema) {
    schema = getSchema(extensions)
    schemas.set(extensions, schema)
  }
  return schema
}

export function generateHTML(doc: JSONContent, extensions: Extensions): string {
  const schema = schemaFor(extensions)
  return getHTMLFromFragment(schema.nodeFromJSON(doc).content, schema)
}

export function generateText(
  doc: JSONContent,
  extensions: Extensions,
  options?: { blockSeparator?: string; textSerializers?: Record<string, TextSerializer> },
): string {
  const schema = schemaFor(extensions)
  return getText(schema.nodeFromJSON(doc), {
    blockSeparator: options?.blockSeparator ?? '\n\n',
    textSerializers: { ...getTextSerializersFromSchema(schema), ...options?.textSerializers },
  })
}
