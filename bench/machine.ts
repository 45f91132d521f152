/** What the figures were measured on. */
import os from 'node:os';

export interface MachineInfo {
  readonly date: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  readonly loadAverage: number[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** "date, CPU model (N cpus), Node vX": the line every bench command prints under its title. */
export function machineLine(machine: MachineInfo): string {
  return `${machine.date}, ${machine.cpuModel} (${machine.cpus} cpus), Node ${machine.node}`;
}
