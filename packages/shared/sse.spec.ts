import { SseParser } from './sse';

describe('SseParser', () => {
  it('completes events across chunks, skipping comments and retry lines', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 3000\n\n: ping\n\nid: 4\nevent: question.approved\ndata: {"id":')).toEqual([]);
    expect(parser.push('"q"}\n\nevent: ready\ndata: {"lastEventId":4}\n\n')).toEqual([
      { id: 4, event: 'question.approved', data: { id: 'q' } },
      { id: undefined, event: 'ready', data: { lastEventId: 4 } },
    ]);
  });
});
