/**
 * The structure of a template: checks keys, parents and arrow ends, derives each arrow's parent and
 * orders the elements so that every frame comes before its children.
 */
import type { TemplateElement, WorkshopTemplate } from './template-types.js'

/** A template's elements by key, their parent frames (undefined: the page) and their placement order. */
export interface TemplateTree {
  byKey: ReadonlyMap<string, TemplateElement>
  /** The parent frame key of every element; arrows get the innermost frame holding both ends. */
  parentOf: ReadonlyMap<string, string | undefined>
  /** Depth-first: each frame, then its children; siblings keep their order in the template (z-order). */
  order: readonly TemplateElement[]
}

/** Thrown when a template's structure is inconsistent (an authoring error, never a user error). */
export class TemplateStructureError extends Error {
  constructor(templateId: string, message: string) {
    super(`template '${templateId}': ${message}`)
    this.name = 'TemplateStructureError'
  }
}

/** Analyses a template's structure; throws `TemplateStructureError` when it is inconsistent. */
export function analyseTemplate(template: WorkshopTemplate): TemplateTree {
  const fail = (message: string): never => {
    throw new TemplateStructureError(template.id, message)
  }
  const byKey = new Map<string, TemplateElement>()
  for (const element of template.elements) {
    if (byKey.has(element.key)) fail(`duplicate key '${element.key}'`)
    byKey.set(element.key, element)
  }

  const parentOf = new Map<string, string | undefined>()
  for (const element of template.elements) {
    if (element.kind === 'arrow' || element.parent === undefined) continue
    if (byKey.get(element.parent)?.kind !== 'frame') fail(`parent of '${element.key}' is not a frame: '${element.parent}'`)
    parentOf.set(element.key, element.parent)
  }
  const ancestorsOf = (key: string): string[] => {
    const chain: string[] = []
    for (let parent = parentOf.get(key); parent !== undefined; parent = parentOf.get(parent)) {
      if (parent === key || chain.includes(parent)) fail(`frames nested in a cycle at '${key}'`)
      chain.push(parent)
    }
    return chain
  }
  for (const element of template.elements) {
    if (element.kind !== 'arrow') {
      ancestorsOf(element.key)
      continue
    }
    for (const end of [element.from, element.to]) {
      const target = byKey.get(end)
      if (!target || target.kind === 'arrow') fail(`arrow '${element.key}' must connect two shapes, not '${end}'`)
    }
    if (element.from === element.to) fail(`arrow '${element.key}' connects '${element.from}' with itself`)
    const fromChain = ancestorsOf(element.from)
    parentOf.set(element.key, ancestorsOf(element.to).find((frame) => fromChain.includes(frame)))
  }

  const childrenOf = new Map<string | undefined, TemplateElement[]>()
  for (const element of template.elements) {
    const parent = parentOf.get(element.key)
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), element])
  }
  const order: TemplateElement[] = []
  const visit = (parent: string | undefined): void => {
    for (const child of childrenOf.get(parent) ?? []) {
      order.push(child)
      if (child.kind === 'frame') visit(child.key)
    }
  }
  visit(undefined)
  return { byKey, parentOf, order }
}
