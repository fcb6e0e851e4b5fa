/**
 * Runs the built server (server/dist/main.js, serving client/dist) as a child process on a free
 * port with its own temporary DATA_DIR, and can stop and restart it on the same port and data.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SERVER_ENTRY = path.join(ROOT, 'server/dist/main.js')

export class ServerProcess {
  private child: ChildProcess | null = null
  port = 0
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-e2e-'))
  /** Hosts (host:port) of network links in front of this server; requests to them are not foreign. */
  readonly alsoReachableAt = new Set<string>()
  /** Another built client to serve (CLIENT_DIR) from the next start on; null: the environment's or client/dist. */
  clientDir: string | null = null

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    if (!fs.existsSync(SERVER_ENTRY) || !fs.existsSync(path.join(ROOT, 'client/dist/index.html'))) {
      throw new Error('Build first: "pnpm build" (the e2e tests run against the built client and server).')
    }
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      env: {
        ...process.env,
        ...(this.clientDir ? { CLIENT_DIR: this.clientDir } : {}),
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    if (this.port === 0) this.port = await this.readPortFromLog(child)
    await this.waitForHealth()
  }

  private readPortFromLog(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
      let output = ''
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        const match = /"port":(\d+)/.exec(output)
        if (match) resolve(Number(match[1]))
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
    })
  }

  private async waitForHealth(): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('server did not become healthy')
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill(signal)
    await exited
    this.child = null
  }

  async restart(): Promise<void> {
    await this.stop('SIGTERM')
    await this.start()
  }
}
