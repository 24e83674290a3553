/**
 * The documents held in memory. A document is loaded (synchronously, in full)
 * when its first client joins and unloaded, after a last compaction, when it has
 * had no client for `idleUnloadMs` and everything it queued to the store is committed.
 */
import { Room, type Damage, type RoomClient } from './room.ts';
import type { DocumentStore } from './storage.ts';
import type { Log } from './log.ts';

export interface RoomsOptions {
	store: DocumentStore;
	idleUnloadMs: number;
	compactEvery: number;
	log: Log;
	/** a stored update of a document was found damaged and moved aside */
	onDamage?: (damage: Damage) => void;
}

export class Rooms {
	private readonly rooms = new Map<string, Room>();
	private readonly unloadTimers = new Map<string, NodeJS.Timeout>();

	constructor(private readonly options: RoomsOptions) {}

	/** Loads the document if needed and adds the client. Sends nothing. */
	join(name: string, client: RoomClient): Room {
		const timer = this.unloadTimers.get(name);
		if (timer) {
			clearTimeout(timer);
			this.unloadTimers.delete(name);
		}
		let room = this.rooms.get(name);
		if (!room) {
			room = new Room(name, this.options.store, this.options.compactEvery, this.options.log, this.options.onDamage);
			this.rooms.set(name, room);
		}
		room.add(client);
		return room;
	}

	leave(room: Room, client: RoomClient): void {
		room.remove(client);
		if (!room.idle || this.rooms.get(room.name) !== room || this.unloadTimers.has(room.name)) return;
		const timer = setTimeout(() => this.unload(room), this.options.idleUnloadMs);
		timer.unref();
		this.unloadTimers.set(room.name, timer);
	}

	private unload(room: Room): void {
		this.unloadTimers.delete(room.name);
		this.unloadSettled(room);
	}

	/**
	 * A room loaded afresh reads committed rows only: until the updates this room queued
	 * are committed, a device joining must still get them from this room, so it stays.
	 * (A client that joins and leaves meanwhile starts a new timer, which then decides.)
	 */
	private unloadSettled(room: Room): void {
		if (!room.idle || this.rooms.get(room.name) !== room || this.unloadTimers.has(room.name)) return;
		if (!room.settled) {
			this.options.store.whenDurable(() => this.unloadSettled(room));
			return;
		}
		room.compact();
		room.destroy();
		this.rooms.delete(room.name);
	}

	loaded(): string[] {
		return Array.from(this.rooms.keys());
	}

	/** At shutdown: everything is already stored; just free timers and docs. */
	closeAll(): void {
		for (const timer of this.unloadTimers.values()) clearTimeout(timer);
		this.unloadTimers.clear();
		for (const room of this.rooms.values()) room.destroy();
		this.rooms.clear();
	}
}
