/**
 * What the browser benchmarks run inside the pages, as plain JavaScript source. Kept as strings
 * on purpose: functions handed to `page.evaluate` would be serialized after tsx transpiled them,
 * and the transpiler's helpers (e.g. `__name`) do not exist in the page.
 *
 * Every page keeps its state in `window.__qbBench`. Times are on the machine clock,
 * `performance.timeOrigin + performance.now()` (shared by all pages and the Node process), except
 * the load milestones, which are `performance.now()`, i.e. ms since navigation start.
 */

/**
 * Init script (runs before the app in every document of the context): sets a named identity so
 * the name prompt does not interrupt the load (a returning participant, but with empty IndexedDB),
 * and watches the load: from navigation start to the first frame after the canvas is shown and the
 * editor holds the expected number of shapes. Argument: `{ name, expectedShapes }` (expectedShapes
 * null: do not watch). Also notes DOMContentLoaded and when the board's content arrived on the socket.
 */
export const INIT_SCRIPT = `
(function (options) {
  try {
    if (!localStorage.getItem('quartierboard.identity')) {
      localStorage.setItem('quartierboard.identity', JSON.stringify({ id: crypto.randomUUID(), name: options.name, color: '#1971c2' }))
    }
  } catch (error) {
    return // about:blank and the like
  }
  var state = (window.__qbBench = { load: {} })
  if (options.expectedShapes == null) return
  var load = state.load
  // Notes when the largest sync message (the board's initial content) reaches the page's main
  // thread (listeners added here run before the provider's own onmessage handler) and when the
  // provider is done with it.
  var NativeWebSocket = window.WebSocket
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols)
      if (String(url).indexOf('/sync') < 0) return
      this.addEventListener('message', function (event) {
        var bytes = event.data.byteLength || event.data.size || event.data.length || 0
        if (bytes > (load.syncBytes || 0) && load.interactiveAt === undefined) {
          load.syncBytes = bytes
          load.syncDataAt = performance.now()
          // the next task after the provider handled it (decoded, applied, store bound)
          setTimeout(function () {
            if (load.syncBytes === bytes) load.syncAppliedAt = performance.now()
          }, 0)
        }
      })
    }
  }
  function tick() {
    var editor = window.quartierboard && window.quartierboard.editor
    if (editor && load.editorAt === undefined) load.editorAt = performance.now()
    var canvas = document.querySelector('.tl-canvas')
    var shown = canvas !== null && canvas.getBoundingClientRect().width > 0
    if (editor && shown && editor.getCurrentPageShapes().length === options.expectedShapes) {
      load.allShapesAt = performance.now()
      requestAnimationFrame(function () {
        var navigation = performance.getEntriesByType('navigation')[0]
        load.domContentLoadedAt = navigation ? navigation.domContentLoadedEventEnd : NaN
        load.interactiveAt = performance.now()
      })
      return
    }
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})
`

/** Offset of this page's clock (timeOrigin + now) from Date.now(), median of 200 readings, in ms. */
export const CLOCK_OFFSET = `
(function () {
  var values = []
  for (var i = 0; i < 200; i++) values.push(performance.timeOrigin + performance.now() - Date.now())
  values.sort(function (a, b) { return a - b })
  return values[100]
})
`

/**
 * Receiver (B): a store listener on remote document changes; for every shape update that carries a
 * new `meta.bench` mark it notes when the store had it and the time of the next animation frame.
 * Argument: shape id. `reset()` clears what was collected.
 */
export const INSTALL_RECEIVER = `
(function (shapeId) {
  var editor = window.quartierboard.editor
  var now = function () { return performance.timeOrigin + performance.now() }
  var state = window.__qbBench
  state.received = []
  editor.store.listen(function (entry) {
    var pair = entry.changes.updated[shapeId]
    if (!pair) return
    var mark = pair[1].meta && pair[1].meta.bench
    if (!mark || (pair[0].meta && pair[0].meta.bench && pair[0].meta.bench.q === mark.q && pair[0].meta.bench.r === mark.r)) return
    var seenAt = now()
    requestAnimationFrame(function () {
      state.received.push({ r: mark.r, q: mark.q, t: mark.t, seenAt: seenAt, renderedAt: now() })
    })
  }, { source: 'remote', scope: 'document' })
  return true
})
`

/**
 * Sender (A): moves one shape `count` times, one update every `intervalMs` on a fixed schedule
 * starting at `startAt` (machine clock), each with `meta.bench = { r: run, q: sequence, t: send time }`.
 * Positions go round a circle so that the shape stays in view. Resolves with the number sent and the
 * worst lateness of the schedule.
 */
export const SEND_MOVES = `
(function (options) {
  var editor = window.quartierboard.editor
  var now = function () { return performance.timeOrigin + performance.now() }
  var shape = editor.getShape(options.shapeId)
  if (!shape) throw new Error('shape ' + options.shapeId + ' is missing')
  var cx = shape.x, cy = shape.y
  return new Promise(function (resolve) {
    var q = 0, worstLateMs = 0
    function step() {
      var due = options.startAt + q * options.intervalMs
      worstLateMs = Math.max(worstLateMs, now() - due)
      var angle = (q / 60) * 2 * Math.PI
      editor.updateShape({
        id: options.shapeId,
        type: shape.type,
        x: cx + 120 * Math.cos(angle) - 120,
        y: cy + 120 * Math.sin(angle),
        meta: { bench: { r: options.run, q: q, t: now() } },
      })
      q++
      if (q >= options.count) return resolve({ sent: q, worstLateMs: worstLateMs })
      setTimeout(step, Math.max(0, options.startAt + q * options.intervalMs - now()))
    }
    setTimeout(step, Math.max(0, options.startAt - now()))
  })
})
`

/**
 * Frame counter (B): calls requestAnimationFrame continuously from `startAt` to `endAt` (machine
 * clock) and returns the frames per whole second and every frame's duration (time between
 * successive callbacks).
 */
export const COUNT_FRAMES = `
(function (options) {
  var now = function () { return performance.timeOrigin + performance.now() }
  return new Promise(function (resolve) {
    var stamps = []
    function frame() {
      var t = now()
      if (t >= options.startAt) stamps.push(t)
      if (t < options.endAt) requestAnimationFrame(frame)
      else {
        var perSecond = []
        var seconds = Math.floor((options.endAt - options.startAt) / 1000)
        for (var s = 0; s < seconds; s++) {
          var from = options.startAt + s * 1000, to = from + 1000
          perSecond.push(stamps.filter(function (x) { return x >= from && x < to }).length)
        }
        var durations = []
        for (var i = 1; i < stamps.length; i++) durations.push(stamps[i] - stamps[i - 1])
        resolve({ perSecond: perSecond, durations: durations })
      }
    }
    setTimeout(function () { requestAnimationFrame(frame) }, Math.max(0, options.startAt - now() - 50))
  })
})
`
