import type { Session, Snapshot } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { groupSnapshots, snapshotRole } from './snapshot-groups'

const session = (id: string, startedAt: string): Session => ({ id, title: id, startedAt, endedAt: null })

let counter = 0
function snapshot(kind: Snapshot['kind'], createdAt: string, changes: Partial<Snapshot> = {}): Snapshot {
  counter += 1
  return { id: `s${counter}`, sessionId: 'one', kind, label: '', author: kind === 'auto' ? 'server' : 'facilitator', createdAt, shapes: 1, bytes: 10, ...changes }
}

const ids = (items: readonly Snapshot[]) => items.map((item) => item.label || item.id)

describe('snapshot roles', () => {
  it('tells a backup (automatic kind, caused by the facilitator) from the server’s automatic snapshots', () => {
    expect(snapshotRole(snapshot('auto', '2026-03-15T10:00:00Z'))).toBe('auto')
    expect(snapshotRole(snapshot('auto', '2026-03-15T10:00:00Z', { author: 'facilitator', label: 'Vor dem Import' }))).toBe('backup')
    expect(snapshotRole(snapshot('named', '2026-03-15T10:00:00Z', { label: 'Phase 1' }))).toBe('named')
    expect(snapshotRole(snapshot('final', '2026-03-15T10:00:00Z', { author: 'server' }))).toBe('final')
  })
})

describe('grouping snapshots', () => {
  it('puts named, final and backup snapshots first and the automatic ones apart, each newest first', () => {
    const list = [
      snapshot('auto', '2026-03-15T10:01:00Z', { label: 'auto1' }),
      snapshot('named', '2026-03-15T10:02:00Z', { label: 'Nach Phase 1' }),
      snapshot('auto', '2026-03-15T10:03:00Z', { label: 'auto2' }),
      snapshot('auto', '2026-03-15T10:04:00Z', { author: 'facilitator', label: 'Vor dem Wiederherstellen' }),
      snapshot('auto', '2026-03-15T10:05:00Z', { label: 'auto3' }),
      snapshot('final', '2026-03-15T10:06:00Z', { label: 'Abschluss' }),
    ]
    const [group, ...rest] = groupSnapshots([session('one', '2026-03-15T10:00:00Z')], list)
    expect(rest).toEqual([])
    expect(ids(group!.marked)).toEqual(['Abschluss', 'Vor dem Wiederherstellen', 'Nach Phase 1'])
    expect(ids(group!.automatic)).toEqual(['auto3', 'auto2', 'auto1'])
  })

  it('orders sessions newest first, snapshots outside sessions (or of an unlisted one) last, and leaves empty sessions out', () => {
    const sessions = [session('first', '2026-03-01T09:00:00Z'), session('empty', '2026-03-08T09:00:00Z'), session('second', '2026-03-15T09:00:00Z')]
    const list = [
      snapshot('named', '2026-02-28T12:00:00Z', { sessionId: null, label: 'Vorbereitung' }),
      snapshot('final', '2026-03-01T12:00:00Z', { sessionId: 'first', label: 'Abschluss 1' }),
      snapshot('final', '2026-03-15T12:00:00Z', { sessionId: 'second', label: 'Abschluss 2' }),
      snapshot('auto', '2026-03-20T12:00:00Z', { sessionId: 'gone', author: 'facilitator', label: 'Vor dem Import' }),
    ]
    const groups = groupSnapshots(sessions, list)
    expect(groups.map((group) => group.key)).toEqual(['second', 'first', 'none'])
    expect(ids(groups[2]!.marked)).toEqual(['Vor dem Import', 'Vorbereitung'])
  })

  it('keeps the server’s order for snapshots of the same millisecond (the later listed is newer)', () => {
    const list = [snapshot('auto', '2026-03-15T10:00:00Z', { label: 'a' }), snapshot('auto', '2026-03-15T10:00:00Z', { label: 'b' })]
    expect(ids(groupSnapshots([session('one', '2026-03-15T09:00:00Z')], list)[0]!.automatic)).toEqual(['b', 'a'])
  })

  it('lists nothing when there are no snapshots', () => {
    expect(groupSnapshots([session('one', '2026-03-15T09:00:00Z')], [])).toEqual([])
  })
})
