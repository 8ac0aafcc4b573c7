/**
 * The mock WireServer: a real HTTP server that speaks the guest protocol from the examples, for
 * testing agents and the client without Azure (`wireserver-spec/mock`).
 * @module
 */
export { MockWireServer, type MockReport, type MockRequest, type MockWireServerOptions } from './mock-wireserver';
export { FaultQueue, type MockFault, type MockRoute, type ScriptedFault } from './faults';
export { DEFAULT_EXAMPLES_DIR, EXAMPLE_CONTAINER_ID, EXAMPLE_INSTANCE_ID, type MockVmState } from './documents';
