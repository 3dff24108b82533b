/** Messages between the Train panel and its worker (plain data only). */
import type { OptimizerName } from '../state.js';

export interface RunSpec {
  /** Index of the designed schedule (for colours and labels). */
  id: number;
  spec: string;
  lr: number;
}

export type ToWorker =
  | { type: 'init' }
  | { type: 'train'; runs: RunSpec[]; epochs: number; batch: number; optimizer: OptimizerName }
  | {
      type: 'rangeTest';
      startLr: number;
      endLr: number;
      numIter: number;
      batch: number;
      optimizer: OptimizerName;
      lr: number;
    }
  | { type: 'stop' };

export interface RangeTestView {
  lrs: number[];
  losses: number[];
  smoothedLosses: number[];
  stopReason: string;
  stopDetail: string;
  suggestions: Record<string, { lr: number | null; reason?: string }>;
  recommended: { lr: number | null; reason: string };
}

export type FromWorker =
  | {
      type: 'ready';
      backend: string;
      data: { nTrain: number; nTest: number; width: number; height: number; source: string };
    }
  | { type: 'runStart'; run: number; stepsPerEpoch: number; epochs: number }
  | { type: 'batch'; run: number; step: number; loss: number; acc: number; lr: number }
  | {
      type: 'epoch';
      run: number;
      epoch: number;
      loss: number;
      acc: number;
      valLoss: number;
      valAcc: number;
    }
  | { type: 'runEnd'; run: number; ms: number }
  | { type: 'runError'; run: number; message: string }
  | { type: 'trainDone'; stopped: boolean }
  | {
      type: 'rtProgress';
      iteration: number;
      numIter: number;
      lr: number;
      loss: number;
      smoothedLoss: number;
    }
  | { type: 'rtResult'; result: RangeTestView; ms: number }
  | { type: 'error'; message: string };
