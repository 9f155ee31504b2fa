/**
 * Every pupil name the app shows goes through this component, so "Hide names" stars out all of them
 * at once. Screen readers hear "name hidden" rather than a string of asterisks.
 */
import { useNamesHidden } from './hide-names-store';
import { starName } from './star-name';

export function PupilName({ name }: { name: string }) {
  const hidden = useNamesHidden();
  if (!hidden) return <>{name}</>;
  return (
    <>
      <span aria-hidden="true">{starName(name)}</span>
      <span className="visually-hidden">Name hidden</span>
    </>
  );
}

/** For text that cannot hold a component (a document title, an aria-label). */
export function usePupilNameText(name: string): string {
  return useNamesHidden() ? starName(name) : name;
}
