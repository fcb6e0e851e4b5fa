/**
 * Starting and stopping the servers under test, each in its own child process, and opening a
 * fresh room on them.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { ServerKind, Target } from './adapters.js'

export const benchDir = import.meta.dirname
export const e2eDir = path.resolve(benchDir, '..')
export const repoDir = path.resolve(e2eDir, '..')
export const ourServerMain = path.join(repoDir, 'server/dist/main.js')

export interface RunningServer {
  kind: ServerKind
  port: number
  pid: number
  newRoom(): Promise<Target>
  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs(): number
  /** Resident memory of the server process, in MB. */
  rssMb(): number
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

async function waitForPort(port: number, child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`)
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`server did not listen on ${port} within ${timeoutMs} ms:\n${output()}`)
}

function readCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15, in clock ticks (100 per second on Linux)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return NaN
  }
}

function readRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /VmRSS:\s+(\d+) kB/.exec(status)
    return match ? Number(match[1]) / 1024 : NaN
  } catch {
    return NaN
  }
}

export function serverAvailable(kind: ServerKind): string | null {
  if (kind === 'ours' && !fs.existsSync(ourServerMain)) return `${ourServerMain} is missing (run \`npx tsc -b\` in the repo root)`
  return null
}

export async function startServer(kind: ServerKind): Promise<RunningServer> {
  const port = await freePort()
  const host = '127.0.0.1'
  let dataDir: string | null = null
  let args: string[]
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: host }
  if (kind === 'ours') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-bench-'))
    Object.assign(env, { DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
    // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of our server per run (for `--cpu-prof` analysis).
    args = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`, ourServerMain] : [ourServerMain]
  } else {
    if (kind === 'tldraw') {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-bench-tldraw-'))
      env.DATA_DIR = dataDir
    }
    args = ['--import', 'tsx', path.join(benchDir, `server-${kind}.ts`)]
  }
  const child = spawn(process.execPath, args, { cwd: e2eDir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  await waitForPort(port, child, () => output)
  const pid = child.pid!
  const base = `http://${host}:${port}`

  return {
    kind,
    port,
    pid,
    async newRoom(): Promise<Target> {
      if (kind === 'ours') {
        const response = await fetch(`${base}/api/workshops`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'bench' }),
        })
        if (response.status !== 201) throw new Error(`POST /api/workshops: ${response.status} ${await response.text()}`)
        const body = (await response.json()) as { id: string; tokens?: { participant?: string } }
        return { kind, url: `ws://${host}:${port}/sync`, room: body.id, token: body.tokens?.participant }
      }
      const room = `bench-${randomBytes(6).toString('hex')}`
      return { kind, url: kind === 'hocuspocus' ? `ws://${host}:${port}` : `ws://${host}:${port}/sync`, room }
    },
    cpuMs: () => readCpuMs(pid),
    rssMb: () => readRssMb(pid),
    async stop(): Promise<void> {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
