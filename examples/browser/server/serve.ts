/** `npm run demo`: serves the browser demo and benchmark pages on 127.0.0.1 and prints their URLs. */
import { parseArgs } from 'node:util';
import { startDemoServer } from './demo-server.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PORT ?? '8080' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer in [0, 65535], got '${values.port}'`);
  process.exit(2);
}
try {
  const server = await startDemoServer({ port });
  console.log(`webgrad demo:      ${server.origin}/`);
  console.log(`webgrad benchmark: ${server.origin}/bench.html`);
  console.log('Ctrl-C stops the server.');
} catch (error) {
  const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
    ? `port ${port} is in use: pick another with npm run demo -- --port <n>` : (error as Error).message;
  console.error(`the demo server did not start: ${reason}`);
  process.exit(1);
}
