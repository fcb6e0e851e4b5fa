import { describe, expect, it } from 'vitest'
import { responseError, serverExportPath } from './server-files'

describe('server exports', () => {
  it('builds the export paths', () => {
    expect(serverExportPath('tldr', null, 'de')).toBe('/export?format=tldr')
    expect(serverExportPath('tldr', 1764000000123.4, 'en')).toBe('/export?format=tldr&at=1764000000123')
    expect(serverExportPath('md', null, 'en')).toBe('/export?format=md&locale=en')
    expect(serverExportPath('csv', 5, 'de')).toBe('/export?format=csv&at=5&locale=de')
  })

  it('turns refusals into errors with the server message', async () => {
    const refused = await responseError(new Response(JSON.stringify({ error: { code: 'forbidden_for_role', message: 'Not for your role.' } }), { status: 403 }))
    expect(refused).toMatchObject({ status: 403, code: 'forbidden_for_role', message: 'Not for your role.' })
    const broken = await responseError(new Response('<html>', { status: 502 }))
    expect(broken).toMatchObject({ status: 502, code: 'http_error', message: 'HTTP 502' })
  })
})
