/** Everything a request or connection handler needs, made once in app.ts and passed in. */
import type { Audit } from './audit.ts';
import type { Auth } from './auth.ts';
import type { CalendarFeeds } from './calendar-feeds.ts';
import type { Codes } from './codes.ts';
import type { Config } from './config.ts';
import type { Consents } from './consents.ts';
import type { Db } from './db.ts';
import type { Directory } from './directory.ts';
import type { ExportRunner } from './export-runner.ts';
import type { Log } from './log.ts';
import type { Rooms } from './rooms.ts';
import type { Sockets } from './sockets.ts';
import type { DocumentStore } from './storage.ts';
import type { Throttle } from './throttle.ts';
import type { Tickets } from './tickets.ts';

export interface ServerContext {
	config: Config;
	db: Db;
	store: DocumentStore;
	directory: Directory;
	auth: Auth;
	tickets: Tickets;
	throttle: Throttle;
	codes: Codes;
	consents: Consents;
	calendarFeeds: CalendarFeeds;
	audit: Audit;
	rooms: Rooms;
	/** builds exports on a worker thread */
	exports: ExportRunner;
	sockets: Sockets;
	log: Log;
	/** the server's clock (ms since epoch); tests pass their own */
	now: () => number;
}
