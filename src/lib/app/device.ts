/**
 * A signed-in device: its one connection and its open documents. Made once per
 * sign-in by the app session and passed down through context, never a module global.
 */
import { fetchTicket } from '../api/tickets.ts';
import { DeviceConnection } from '../doc/connection.ts';
import { Workspace } from '../doc/workspace.ts';
import { LocalDamage } from './local-damage.svelte.ts';

export interface Device {
	id: string;
	connection: DeviceConnection;
	workspace: Workspace;
	/** saved copies found damaged on this device (and repaired from what was intact) */
	damage: LocalDamage;
	/** closes the connection and every open document */
	stop: () => void;
}

/** `deviceId` is the id the server gave this device when it was bound. */
export function startDevice(userId: string, deviceId: string): Device {
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	const connection = new DeviceConnection({
		// Every connect carries a fresh single-use ticket, never the device's credential.
		url: async () => {
			const result = await fetchTicket();
			if (result.kind === 'ticket') return { url: `${scheme}//${location.host}/sync?ticket=${encodeURIComponent(result.ticket)}` };
			if (result.kind === 'unreachable') return { unreachable: true };
			return { refused: result.message, revoked: result.kind === 'revoked' };
		},
		onDenied: (name, denied) => {
			if (denied.reason === 'forbidden') workspace.forgetLocalCopy(name);
		}
	});
	const damage = new LocalDamage();
	const workspace = new Workspace({
		userId,
		connection,
		onLocalCopyRepaired: (name, rows) => {
			console.warn(`Steady: the saved copy of ${name} had ${rows} damaged row(s); they were set aside and the rest loaded`);
			damage.report(name);
		}
	});
	connection.connect();
	// The browser knows before our backoff and liveness probe do that the network changed.
	const onNetworkChange = () => connection.reconnect();
	window.addEventListener('online', onNetworkChange);
	window.addEventListener('offline', onNetworkChange);
	return {
		id: deviceId,
		connection,
		workspace,
		damage,
		stop: () => {
			window.removeEventListener('online', onNetworkChange);
			window.removeEventListener('offline', onNetworkChange);
			workspace.closeAll();
			connection.destroy();
		}
	};
}
