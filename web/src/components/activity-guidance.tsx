/** What to do about a security log entry the person does not recognise, shown beside their log. */
export function ActivityGuidance() {
  return (
    <p className="guidance">
      If you see anything you do not recognise, use <strong>Sign out of all devices</strong> at the top of the
      page and tell your school’s Lantern administrator.
    </p>
  );
}
