/**
 * The language server's entry: the VS Code client starts this file with `--node-ipc`; any other
 * client can start it (or `cowlens lsp`) with `--stdio` or `--socket=<port>`.
 */
import { startServer } from './start-server.js';

startServer();
