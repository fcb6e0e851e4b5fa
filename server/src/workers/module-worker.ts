/**
 * Starts a worker thread from one of the server's own modules, built or not. The built server
 * (`server/dist`) starts the `.js` file as it is. Run from its TypeScript sources (the tests,
 * `pnpm dev`), the worker has no TypeScript loader of its own, so it is bootstrapped through tsx
 * (a dev dependency) with the `source` export condition, exactly as the main thread runs.
 */
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/** The module `name` beside the calling module `callerUrl` (its `import.meta.url`), with the caller's extension. */
export function siblingModule(callerUrl: string, name: string): URL {
  const extension = callerUrl.endsWith('.ts') ? '.ts' : '.js'
  return new URL(`./${name}${extension}`, callerUrl)
}

export function startModuleWorker(module: URL, options: WorkerOptions = {}): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, options)
  const require = createRequire(import.meta.url)
  // tsx's ESM API; its package maps the bare name to the CommonJS build, so the .mjs beside it is named.
  const tsxApi = pathToFileURL(require.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(module.href)}, ${JSON.stringify(module.href)}))`
  return new Worker(bootstrap, { ...options, eval: true, execArgv: [...(options.execArgv ?? []), '--conditions=source'] })
}
