/**
 * The header of every signed-in page: who and where, the page links, the school switcher (for people
 * in more than one school) and signing out. What happens is reported through `onMessage`, which the
 * app shows above the page.
 */
import { useState } from 'react';
import { signOut, switchSchool } from '../api/auth';
import type { Problem } from '../api/problem';
import type { SessionView } from '../api/session-view';
import { sessionClosed, sessionUpdated } from '../session/session-store';
import { AccountSummary } from './account-summary';
import { SchoolSwitcher } from './school-switcher';
import type { ShellMessageContent } from './shell-message';
import { ServiceNav } from './service-nav';
import { SiteHeader } from './site-header';

interface SignedInHeaderProps {
  view: SessionView;
  pathname: string;
  onMessage: (message: ShellMessageContent | undefined) => void;
}

const unexpectedFailure: Problem = {
  title: 'Something went wrong',
  detail: 'Lantern could not complete that. Try again in a few minutes.',
};

export function SignedInHeader({ view, pathname, onMessage }: SignedInHeaderProps) {
  const [busy, setBusy] = useState<'switching' | 'signing-out' | undefined>();

  async function run(kind: 'switching' | 'signing-out', action: () => Promise<void>) {
    if (busy) return;
    setBusy(kind);
    onMessage(undefined);
    try {
      await action();
    } catch {
      onMessage({ kind: 'problem', problem: unexpectedFailure });
    } finally {
      setBusy(undefined);
    }
  }

  function handleSwitch(schoolId: string) {
    void run('switching', async () => {
      const result = await switchSchool(schoolId);
      if (!result.ok) {
        onMessage({ kind: 'problem', problem: result.problem });
        return;
      }
      sessionUpdated(result.view);
      onMessage({ kind: 'notice', text: `You are now working in ${result.view.school.name}.` });
    });
  }

  function handleSignOut(everywhere: boolean) {
    void run('signing-out', async () => {
      const result = await signOut(everywhere);
      // If the server could not end the session, saying "signed out" on a shared computer would be
      // dangerous: stay signed in and say so.
      if (!result.ok) {
        onMessage({ kind: 'problem', problem: result.problem });
        return;
      }
      sessionClosed(everywhere ? 'signed-out-everywhere' : 'signed-out');
    });
  }

  return (
    <SiteHeader
      account={<AccountSummary view={view} busy={busy === 'signing-out'} onSignOut={handleSignOut} />}
    >
      <ServiceNav
        pathname={pathname}
        switcher={
          view.schools.length > 1 ? (
            <SchoolSwitcher
              current={view.school}
              schools={view.schools}
              busy={busy === 'switching'}
              onSwitch={handleSwitch}
            />
          ) : undefined
        }
      />
    </SiteHeader>
  );
}
