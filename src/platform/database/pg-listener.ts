import { Client } from 'pg';

/**
 * LISTEN on one channel over a dedicated connection, re-established every few seconds after it is
 * lost (e.g. a PostgreSQL restart). Callers poll as well: a notification only shortens their delay,
 * so `onReconnect` lets them catch up on what they missed while disconnected.
 */
export class PgListener {
  private client?: Client;
  private running = false;

  constructor(
    private readonly options: {
      databaseUrl: string;
      channel: string;
      applicationName: string;
      onNotify: (payload: string) => void;
      onReconnect?: () => void;
    },
  ) {}

  /** Whether the LISTEN connection is up now: while it is not, notifications may be missed. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Connects and LISTENs; rejects when the first connection fails (the caller then relies on polling). */
  async start(): Promise<void> {
    this.running = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: this.options.applicationName });
    client.on('error', () => {
      this.client = undefined;
      void client.end().catch(() => undefined);
      this.reconnect();
    });
    client.on('notification', (message) => this.options.onNotify(message.payload ?? ''));
    await client.connect();
    await client.query(`LISTEN ${this.options.channel}`);
    this.client = client;
  }

  private reconnect(): void {
    if (!this.running) return;
    setTimeout(() => {
      if (!this.running || this.client) return;
      this.connect()
        .then(() => this.options.onReconnect?.())
        .catch(() => this.reconnect());
    }, 2000).unref();
  }
}
