/** Why a supervisor stopped by WAVE for its time or a cancellation gives no answer. */
export function stopReason(input: { stoppedBy: 'timeout' | 'cancelled'; timeoutMs: number }): string {
  return input.stoppedBy === 'timeout' ? `no answer within ${input.timeoutMs / 1000} s (stopped)` : 'cancelled';
}
