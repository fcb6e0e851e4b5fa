/**
 * One person's network, between their browser and the server: a TCP proxy on its own loopback
 * port that a test can drop like a Wi-Fi that goes away. While dropped, connections stay open but
 * nothing passes in either direction (bytes wait, as TCP would retransmit them), and new
 * connections hang: neither side is told, exactly what makes a dead connection hard to notice.
 * `restore()` lets everything flow again.
 *
 * Each link is its own origin (another port), so its browser's IndexedDB and service worker are
 * its own too.
 */
import net from 'node:net'

interface Pair {
  browser: net.Socket
  server: net.Socket
}

export class NetworkLink {
  private readonly pairs = new Set<Pair>()
  private readonly closeOnRestore = new Set<Pair>()
  private dropped = false
  private constructor(
    private readonly proxy: net.Server,
    readonly port: number,
  ) {}

  /** Opens a link to the server on `targetPort`. */
  static async open(targetPort: number): Promise<NetworkLink> {
    let link: NetworkLink | null = null
    const proxy = net.createServer((browser) => link!.accept(browser, targetPort))
    const port = await new Promise<number>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve((proxy.address() as net.AddressInfo).port)))
    link = new NetworkLink(proxy, port)
    return link
  }

  /** The server as seen through this link. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get isDropped(): boolean {
    return this.dropped
  }

  /** Nothing passes any more; nobody is told. */
  drop(): void {
    this.dropped = true
    for (const { browser, server } of this.pairs) {
      browser.pause()
      server.pause()
    }
  }

  /** Everything flows again, including what waited. */
  restore(): void {
    this.dropped = false
    for (const pair of this.closeOnRestore) {
      this.pairs.delete(pair)
      pair.browser.destroy()
      pair.server.destroy()
    }
    this.closeOnRestore.clear()
    for (const { browser, server } of this.pairs) {
      browser.resume()
      server.resume()
    }
  }

  async close(): Promise<void> {
    for (const { browser, server } of this.pairs) {
      browser.destroy()
      server.destroy()
    }
    await new Promise<void>((resolve) => this.proxy.close(() => resolve()))
  }

  private accept(browser: net.Socket, targetPort: number): void {
    const server = net.connect(targetPort, '127.0.0.1')
    const pair = { browser, server }
    this.pairs.add(pair)
    // pipe() pauses a source whose destination is full and resumes it on drain; drop() pauses both
    // sources for good until restore().
    browser.pipe(server)
    server.pipe(browser)
    if (this.dropped) {
      browser.pause()
      server.pause()
    }
    // While dropped, one side closing is not passed on either (no FIN or RST crosses a dead
    // network); the other side learns of it after restore().
    const end = () => {
      if (this.dropped) {
        this.closeOnRestore.add(pair)
        return
      }
      this.pairs.delete(pair)
      browser.destroy()
      server.destroy()
    }
    browser.on('error', end)
    server.on('error', end)
    browser.on('close', end)
    server.on('close', end)
  }
}
