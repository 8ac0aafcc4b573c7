/**
 * `wireserver-spec/mock`: the mock WireServer and HostGAPlugin, for testing an agent on 127.0.0.1.
 * It serves the package's `examples/` with consistent ids, incarnations and URLs, records the
 * reports it receives and replays scripted faults.
 * @module
 */
export { MockWireServer, type MockReport, type MockRequest, type MockWireServerOptions } from '../mock/mock-wireserver';
export { FaultQueue, type MockFault, type MockRoute, type ScriptedFault } from '../mock/faults';
export { DEFAULT_EXAMPLES_DIR, EXAMPLE_CONTAINER_ID, EXAMPLE_INSTANCE_ID, type MockVmState } from '../mock/documents';
export { startMockFromArgs } from '../cli/mock';
