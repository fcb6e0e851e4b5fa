/** Hocuspocus (in memory, no extensions) on PORT/HOST: a peer for the benchmark. */
import { Server } from '@hocuspocus/server'

const port = Number(process.env.PORT ?? 1234)
const address = process.env.HOST ?? '127.0.0.1'

const server = new Server({ port, address, quiet: true, stopOnSignals: false })
await server.listen()
console.log(`READY ${port}`)
process.on('SIGTERM', () => process.exit(0))
