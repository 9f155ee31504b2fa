/**
 * The Step Functions stand-in keeps executions in memory, so after `npm start` restarts on kept data an
 * open transfer has no execution waiting for it (on AWS executions outlive everything). This starts one
 * again for each open transfer, named by its id as ever. The lifecycle picks up where the record says:
 * each wait re-reads the transfer and answers at once when its decision is already recorded, and the copy
 * resumes exactly once, so a restarted execution walks straight to the current step.
 */
import type { SchoolRepository } from '../lib/schools/school-repository';
import type { TransferServices } from '../lib/transfers/transfer-services';
import { FINISHED_STATUSES } from '../lib/transfers/transfer';

export async function resumeOpenTransfers(
  schools: SchoolRepository,
  transfers: TransferServices['transfers'],
  startLifecycle: (transferId: string) => Promise<void>,
): Promise<number> {
  let resumed = 0;
  let cursor: string | undefined;
  do {
    const page = await schools.list(100, cursor);
    for (const school of page.items) {
      // Each transfer is listed at both schools: its incoming listing stands for it.
      const open = (await transfers.listFor(school.schoolId)).filter(
        (listing) => listing.direction === 'incoming' && !FINISHED_STATUSES.has(listing.status),
      );
      for (const listing of open) {
        await startLifecycle(listing.transferId);
        resumed += 1;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return resumed;
}
