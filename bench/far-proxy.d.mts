// Types of far-proxy.mjs, for the tests that use it.
export interface FarProxy {
  port: number;
  stop(): Promise<void>;
}
export type ChunkListener = (connection: number, direction: '->' | '<-', bytes: number) => void;
export declare const startFarProxy: (upstreamPort: number, delayMs: number, onChunk?: ChunkListener) => Promise<FarProxy>;
export declare const farKubeconfig: (kubeconfig: string, delayMs: number, onChunk?: ChunkListener) => Promise<{ kubeconfig: string; close(): void }>;
