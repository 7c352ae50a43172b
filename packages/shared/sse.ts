/** One server-sent event as read from a text/event-stream (comments and `retry:` lines dropped). */
export interface SseMessage {
  id?: number;
  event: string;
  data: unknown;
}

/**
 * Splits a text/event-stream into events as text arrives (the server writes one `data:` line of JSON per event):
 * `push` takes the next decoded chunk and returns the events it completed. Used by the portal's live stream
 * client and by the tests that read the same streams.
 */
export class SseParser {
  private buffer = '';

  push(text: string): SseMessage[] {
    this.buffer += text;
    const out: SseMessage[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const i = line.indexOf(':');
        fields[line.slice(0, i)] = line.slice(i + 1).replace(/^ /, '');
      }
      if (fields.data === undefined) continue;
      out.push({ id: fields.id !== undefined ? Number(fields.id) : undefined, event: fields.event ?? 'message', data: JSON.parse(fields.data) });
    }
    return out;
  }
}
