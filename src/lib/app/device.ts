/**
 * A signed-in device: its one connection and its open documents. Made once per
 * sign-in by the app session and passed down through context, never a module global.
 */
import { DeviceConnection } from '../doc/connection.ts';
import { Workspace } from '../doc/workspace.ts';

export interface Device {
	id: string;
	connection: DeviceConnection;
	workspace: Workspace;
	/** closes the connection and every open document */
	stop: () => void;
}

const DEVICE_KEY = 'steady:device-id';

export function deviceId(): string {
	let id = localStorage.getItem(DEVICE_KEY);
	if (!id) {
		id = crypto.randomUUID().replaceAll('-', '').slice(0, 20);
		localStorage.setItem(DEVICE_KEY, id);
	}
	return id;
}

export function startDevice(userId: string): Device {
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	const connection = new DeviceConnection({
		url: `${scheme}//${location.host}/sync`,
		onDenied: (name, denied) => {
			if (denied.reason === 'forbidden') workspace.forgetLocalCopy(name);
		}
	});
	const workspace = new Workspace({ userId, connection });
	connection.connect();
	// The browser knows before our backoff and liveness probe do that the network changed.
	const onNetworkChange = () => connection.reconnect();
	window.addEventListener('online', onNetworkChange);
	window.addEventListener('offline', onNetworkChange);
	return {
		id: deviceId(),
		connection,
		workspace,
		stop: () => {
			window.removeEventListener('online', onNetworkChange);
			window.removeEventListener('offline', onNetworkChange);
			workspace.closeAll();
			connection.destroy();
		}
	};
}
