/**
 * Test support: real Quartierboard servers on real ports with a temporary DATA_DIR, either in this
 * process (fast, inspectable) or as a child process (so tests can SIGKILL and restart it), and
 * stock y-websocket providers to talk to them.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as decoding from 'lib0/decoding'
import { WebSocket as WebSocketPolyfill } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  CreateWorkshopResponse,
  MESSAGE_SAVE_CONFIRM,
  MESSAGE_SAVE_REQUEST,
  encodeSaveMessage,
  type Role,
} from '@quartierboard/shared'
import { createQuartierboardServer, type QuartierboardServer } from '../app.js'
import { defaultConfig, type ServerConfig } from '../config.js'
import { createLogger } from '../logger.js'

export function makeTempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'qb-test-'))
}

export interface RunningServer {
  server: QuartierboardServer
  port: number
  httpUrl: string
  wsUrl: string
  dataDir: string
}

/** Starts an in-process server on a free port. */
export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const dataDir = overrides.dataDir ?? makeTempDataDir()
  const config = defaultConfig({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', ...overrides })
  const server = createQuartierboardServer(config, { logger: createLogger(config.logLevel) })
  const port = await server.listen()
  return { server, port, dataDir, httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/sync` }
}

const SERVER_ENTRY = path.resolve(import.meta.dirname, '../../dist/main.js')

/** A server in a child process (the built server/dist/main.js), so a test can kill it. */
export class ChildServer {
  private child: ChildProcess | null = null
  port = 0

  constructor(readonly dataDir: string) {}

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`
  }

  /** Starts the server; resolves once it logged the port it listens on. Reuses the last port on restart. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    this.port = await new Promise<number>((resolve, reject) => {
      let output = ''
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        const match = /"port":(\d+)/.exec(output)
        if (match) {
          child.stdout?.off('data', onData)
          resolve(Number(match[1]))
        }
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
    })
  }

  /** Sends a signal and waits for the process to end. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill(signal)
    await exited
    this.child = null
  }
}

/**
 * A stock y-websocket provider in Node (no BroadcastChannel, so every message goes through the
 * server), connected with the token of `role` (participant unless told otherwise).
 */
export function connectProvider(wsUrl: string, workshop: CreatedWorkshop, doc = new Y.Doc(), role: Role = 'participant'): WebsocketProvider {
  return new WebsocketProvider(wsUrl, workshop.id, doc, {
    WebSocketPolyfill: WebSocketPolyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: workshop.tokens[role] },
  })
}

/** Resolves once the provider finished its first sync with the server. */
export function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
}

/** Resolves once `predicate` holds, re-checking on every change of `doc`; rejects after `timeoutMs`. */
export function waitForDoc(doc: Y.Doc, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  if (predicate()) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      doc.off('update', check)
      reject(new Error('timed out waiting for the document'))
    }, timeoutMs)
    function check() {
      if (!predicate()) return
      clearTimeout(timer)
      doc.off('update', check)
      resolve()
    }
    doc.on('update', check)
  })
}

export type CreatedWorkshop = CreateWorkshopResponse

/** Creates a workshop through the HTTP API; the answer holds its id, tokens and links. */
export async function createWorkshop(httpUrl: string, title = 'Testwerkstatt'): Promise<CreatedWorkshop> {
  const response = await fetch(`${httpUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (response.status !== 201) throw new Error(`creating a workshop failed: ${response.status}`)
  return CreateWorkshopResponse.parse(await response.json())
}

/** Headers that authenticate a request with the token of `role`. */
export function as(workshop: CreatedWorkshop, role: Role, headers: Record<string, string> = {}): Record<string, string> {
  return { ...headers, authorization: `Bearer ${workshop.tokens[role]}` }
}

let saveRequestSeq = 0

/** Resolves once the server confirms it stored everything this provider sent (our save extension). */
export function whenStored(provider: WebsocketProvider): Promise<void> {
  const seq = ++saveRequestSeq
  return new Promise((resolve) => {
    provider.messageHandlers[MESSAGE_SAVE_CONFIRM] = (_encoder, decoder) => {
      if (decoding.readVarUint(decoder) >= seq) resolve()
    }
    provider.ws?.send(encodeSaveMessage(MESSAGE_SAVE_REQUEST, seq))
  })
}
