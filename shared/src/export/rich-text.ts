/**
 * Plain text of tldraw shapes. tldraw 5 stores labels as TipTap/ProseMirror JSON (`props.richText`);
 * older records carry `props.text` and frames carry `props.name`. Exports (results record, CSV, search)
 * need one plain string per shape, so this module flattens those forms without a DOM or TipTap.
 */
import type { TLShape } from '@tldraw/tlschema'

/** Deepest rich-text nesting that is read; deeper content (only hostile input) is ignored. */
export const MAX_RICH_TEXT_DEPTH = 64

/** Block nodes whose children are inline (text, hard breaks, marks), rendered as one line each. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock'])

type JsonNode = { readonly [key: string]: unknown }

function isNode(value: unknown): value is JsonNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function childrenOf(node: JsonNode): JsonNode[] {
  return Array.isArray(node.content) ? node.content.filter(isNode) : []
}

/** True when a node holds inline content (a text block, or an unknown node with text children). */
function isTextBlock(node: JsonNode): boolean {
  if (typeof node.type === 'string' && TEXT_BLOCKS.has(node.type)) return true
  return childrenOf(node).some((child) => child.type === 'text' || child.type === 'hardBreak')
}

/** The inline text of a node: text nodes as they are, hard breaks as "\n", other inline nodes by their content. */
function inlineText(node: JsonNode, depth: number): string {
  if (depth > MAX_RICH_TEXT_DEPTH) return ''
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : ''
  if (node.type === 'hardBreak') return '\n'
  return childrenOf(node)
    .map((child) => inlineText(child, depth + 1))
    .join('')
}

/** The first line of a list item gets the marker, later lines the marker's width of spaces. */
function prefixLines(lines: string[], marker: string): string[] {
  const indent = ' '.repeat(marker.length)
  return lines.map((line, index) => (index === 0 ? marker : indent) + line)
}

function startOf(list: JsonNode): number {
  const attrs = list.attrs
  if (isNode(attrs) && typeof attrs.start === 'number' && Number.isSafeInteger(attrs.start)) return attrs.start
  return 1
}

/** The lines of a block node: text blocks give their text, lists their marked items, containers their children. */
function blockLines(node: JsonNode, depth: number): string[] {
  if (depth > MAX_RICH_TEXT_DEPTH) return []
  if (node.type === 'text' || node.type === 'hardBreak' || isTextBlock(node)) {
    return inlineText(node, depth).split('\n')
  }
  if (node.type === 'bulletList' || node.type === 'orderedList') {
    const ordered = node.type === 'orderedList'
    const start = startOf(node)
    return childrenOf(node).flatMap((item, index) => {
      const lines = blockLines(item, depth + 1)
      return prefixLines(lines.length > 0 ? lines : [''], ordered ? `${start + index}. ` : '• ')
    })
  }
  return childrenOf(node).flatMap((child) => blockLines(child, depth + 1))
}

/**
 * Plain text of a TipTap/ProseMirror JSON document: one line per paragraph (joined with "\n"), hard breaks
 * as "\n", bullet list items prefixed with "• " and ordered ones with "1. ", nested lists indented.
 */
export function plainTextOfRichText(doc: unknown): string {
  if (!isNode(doc)) return ''
  return blockLines(doc, 0).join('\n')
}

/**
 * Plain text of a shape: a frame's name; otherwise its `richText` (tldraw 5) or legacy `text` prop; '' when it has none.
 */
export function plainTextOf(shape: Pick<TLShape, 'type' | 'props'>): string {
  const props: unknown = shape.props
  if (!isNode(props)) return ''
  if (shape.type === 'frame') return typeof props.name === 'string' ? props.name : ''
  if (isNode(props.richText)) return plainTextOfRichText(props.richText)
  if (typeof props.text === 'string') return props.text
  return ''
}
