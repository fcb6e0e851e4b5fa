import { describe, expect, it } from 'vitest'
import { CloseCode } from '@quartierboard/shared'
import { reconnectsAfterClose } from './reconnect-policy'

describe('reconnect policy', () => {
  it('stops after a frame too large and after the final 44xx codes', () => {
    for (const code of [CloseCode.MessageTooBig, 4400, 4401, 4403, 4404, 4422, 4499]) expect(reconnectsAfterClose({ code }), String(code)).toBe(false)
  })

  it('reconnects after a restart, a dropped network or a room that failed to load', () => {
    for (const code of [1000, 1001, 1006, 1011, 4500]) expect(reconnectsAfterClose({ code }), String(code)).toBe(true)
  })
})
