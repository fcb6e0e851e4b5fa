import { describe, expect, it } from 'vitest'
import { planReplace } from './store-replace'

const isDocumentType = (typeName: string) => ['shape', 'page', 'document', 'asset', 'binding'].includes(typeName)
const page = { id: 'page:page', typeName: 'page', name: 'Seite 1' }
const doc = { id: 'document:document', typeName: 'document', name: '' }
const note = (id: string, x = 0) => ({ id, typeName: 'shape', type: 'note', x, parentId: 'page:page' })

describe('planReplace', () => {
  it('puts only what differs and removes what the moment lacks', () => {
    const plan = planReplace([doc, page, note('shape:a'), note('shape:b')], [doc, page, note('shape:a'), note('shape:b', 50), note('shape:c')], isDocumentType)
    expect(plan.put.map((r) => r.id)).toEqual(['shape:b', 'shape:c'])
    expect(plan.remove).toEqual([])
    expect(planReplace([doc, page, note('shape:a')], [doc, page], isDocumentType)).toEqual({ put: [], remove: ['shape:a'] })
  })

  it('keeps the page and document when the moment has none', () => {
    expect(planReplace([doc, page, note('shape:a')], [], isDocumentType)).toEqual({ put: [], remove: ['shape:a'] })
  })

  it('swaps pages when the moment has its own', () => {
    const other = { id: 'page:other', typeName: 'page', name: 'Board' }
    expect(planReplace([doc, page], [doc, other], isDocumentType)).toEqual({ put: [other], remove: ['page:page'] })
  })

  it('ignores records outside the document', () => {
    const camera = { id: 'camera:page:page', typeName: 'camera', x: 0 }
    expect(planReplace([doc, page], [doc, page, camera], isDocumentType)).toEqual({ put: [], remove: [] })
  })
})
