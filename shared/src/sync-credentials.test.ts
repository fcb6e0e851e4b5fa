import { describe, expect, it } from 'vitest'
import { credentialProtocols, credentialsOfProtocols, SYNC_SUBPROTOCOL } from './sync-credentials.js'

describe('sync credentials as subprotocols', () => {
  it('round-trip a token and an identity secret through the Sec-WebSocket-Protocol header', () => {
    const protocols = credentialProtocols({ token: 'Ab-_9xYz', identity: 'id-1.verif_2' })
    expect(protocols).toEqual([SYNC_SUBPROTOCOL, 'qb-token.Ab-_9xYz', 'qb-identity.id-1.verif_2'])
    expect(credentialsOfProtocols(protocols!.join(', '))).toEqual({ token: 'Ab-_9xYz', identity: 'id-1.verif_2' })
  })

  it('leaves out what is not there, and reads nothing from a missing or foreign header', () => {
    expect(credentialProtocols({ token: 'abc', identity: null })).toEqual([SYNC_SUBPROTOCOL, 'qb-token.abc'])
    expect(credentialsOfProtocols(undefined)).toEqual({ token: null, identity: null })
    expect(credentialsOfProtocols('graphql-ws, mqtt')).toEqual({ token: null, identity: null })
  })

  it('gives up (null) for a value a subprotocol cannot carry, so it goes in the query instead', () => {
    expect(credentialProtocols({ token: 'mit Leerzeichen', identity: null })).toBeNull()
    expect(credentialProtocols({ token: 'ok', identity: 'ä' })).toBeNull()
  })
})
