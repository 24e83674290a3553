import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import { CLOSE } from '../../src/lib/protocol/frames.ts';
import { boundedSender } from './sockets.ts';

/** A socket whose queue the test sets by hand: sending adds to it, reading takes it away. */
class FakeSocket extends EventEmitter {
	readonly OPEN = 1;
	readyState = 1;
	bufferedAmount = 0;
	closedWith: number | null = null;
	send(data: Uint8Array) {
		this.bufferedAmount += data.byteLength;
	}
	close(code: number) {
		this.closedWith = code;
		this.readyState = 2;
	}
	terminate() {
		this.readyState = 3;
		this.emit('close');
	}
}

const KB = 1024;
const chunk = new Uint8Array(100 * KB);

describe('boundedSender', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	function sender() {
		const ws = new FakeSocket();
		const slow = vi.fn();
		return { ws, slow, send: boundedSender(ws as unknown as WebSocket, 1000 * KB, slow, 10_000) };
	}

	it('lets a reader that drains a large first sync keep its connection', () => {
		const { ws, slow, send } = sender();
		for (let i = 0; i < 30; i++) send(chunk); // 3 MB: over the limit, under four times it
		ws.bufferedAmount -= 200 * KB; // the phone is reading, slowly
		vi.advanceTimersByTime(10_000);
		expect(ws.closedWith).toBeNull();
		expect(slow).not.toHaveBeenCalled();
	});

	it('closes a reader that reads nothing once the stall time has passed', () => {
		const { ws, slow, send } = sender();
		for (let i = 0; i < 12; i++) send(chunk);
		vi.advanceTimersByTime(9_999);
		expect(ws.closedWith).toBeNull();
		vi.advanceTimersByTime(1);
		expect(ws.closedWith).toBe(CLOSE.slowReader.code);
		expect(slow).toHaveBeenCalledOnce();
	});

	it('closes at once when the queue reaches four times the limit', () => {
		const { ws, send } = sender();
		for (let i = 0; i < 42; i++) send(chunk);
		expect(ws.closedWith).toBe(CLOSE.slowReader.code);
		vi.advanceTimersByTime(500);
		expect(ws.readyState).toBe(3);
	});
});
