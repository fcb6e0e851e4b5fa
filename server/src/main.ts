/**
 * Entry point: `node server/dist/main.js`. Reads the configuration from the environment, starts
 * the server and shuts it down gracefully on SIGTERM/SIGINT (store pending updates, write
 * checkpoints, close sockets with a reason).
 */
import { createQuartierboardServer } from './app.js'
import { configFromEnv } from './config.js'

const config = configFromEnv(process.env)
const server = createQuartierboardServer(config)
const port = await server.listen()
server.logger.info({ port, host: config.host, dataDir: config.dataDir }, `Quartierboard listens on http://localhost:${port}`)

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    server.logger.info({ signal }, 'shutting down')
    server
      .close('Der Server wird neu gestartet')
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      })
  })
}
