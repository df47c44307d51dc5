import net from 'node:net';
import { Aedes } from 'aedes';
import type { Config } from '../config/env.js';

export interface BrokerHandle {
  url: string;
  close(): Promise<void>;
}

/**
 * MQTT is Linli's device protocol. Without MQTT_URL an embedded broker (aedes) is started so the
 * quick start needs nothing installed; with it, devices and Linli meet at the external broker.
 */
export async function startBroker(config: Config): Promise<BrokerHandle> {
  if (config.mqtt.external) return { url: config.mqtt.url, close: async () => undefined };
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.mqtt.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        broker.close(() => server.close(() => resolve()));
      }),
  };
}
