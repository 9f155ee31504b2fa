// setTimeout fires at once for delays above 2^31-1 ms, so every Step Functions timer (state and task
// timeouts, heartbeats, waits) is capped just below that: about 24.8 days.
export const MAX_TIMER_SECONDS = 2_147_483;
export const MAX_TIMER_MS = MAX_TIMER_SECONDS * 1000;
