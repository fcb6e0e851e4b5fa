/**
 * Prometheus metrics of one server instance (own registry, so several servers in one test process
 * do not share counters). Served as text at GET /metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface ServerMetrics {
  registry: Registry
  roomsActive: Gauge
  connectionsActive: Gauge
  updatesAccepted: Counter
  updatesRejected: Counter<'reason'>
  updatesDroppedReadOnly: Counter
  storeAppendFailures: Counter
  storeAppendSeconds: Histogram
  checkpointsWritten: Counter
  syncSocketsClosed: Counter<'code'>
  syncRateLimited: Counter<'limit'>
  awarenessClaimsRefused: Counter
  httpRateLimited: Counter<'route'>
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'qb_process_' })
  return {
    registry,
    roomsActive: new Gauge({ name: 'qb_rooms_active', help: 'Workshop rooms loaded in memory', registers: [registry] }),
    connectionsActive: new Gauge({ name: 'qb_connections_active', help: 'Open sync WebSockets', registers: [registry] }),
    updatesAccepted: new Counter({ name: 'qb_updates_accepted_total', help: 'Document updates validated, stored and relayed', registers: [registry] }),
    updatesRejected: new Counter({
      name: 'qb_updates_rejected_total',
      help: 'Document updates refused by validation',
      labelNames: ['reason'],
      registers: [registry],
    }),
    updatesDroppedReadOnly: new Counter({
      name: 'qb_updates_dropped_readonly_total',
      help: 'Document updates dropped because the connection is read-only',
      registers: [registry],
    }),
    storeAppendFailures: new Counter({ name: 'qb_store_append_failures_total', help: 'Failed update log appends (retried)', registers: [registry] }),
    storeAppendSeconds: new Histogram({
      name: 'qb_store_append_seconds',
      help: 'Time to append one batch of updates to the store',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    checkpointsWritten: new Counter({ name: 'qb_checkpoints_written_total', help: 'Checkpoints written', registers: [registry] }),
    syncSocketsClosed: new Counter({
      name: 'qb_sync_sockets_closed_total',
      help: 'Closed sync WebSockets, by close code (4422 refused update, 4429 rate limit, 1009 frame too large, ...)',
      labelNames: ['code'],
      registers: [registry],
    }),
    syncRateLimited: new Counter({
      name: 'qb_sync_rate_limited_total',
      help: 'Sync WebSockets closed for exceeding a per-socket budget (messages or bytes)',
      labelNames: ['limit'],
      registers: [registry],
    }),
    awarenessClaimsRefused: new Counter({
      name: 'qb_awareness_claims_refused_total',
      help: 'Presence states ignored because they named a client id another connection owns, or a person other than the connection identity',
      registers: [registry],
    }),
    httpRateLimited: new Counter({ name: 'qb_http_rate_limited_total', help: 'HTTP requests answered 429', labelNames: ['route'], registers: [registry] }),
  }
}
