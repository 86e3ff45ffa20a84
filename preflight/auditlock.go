package preflight

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"igv-aws-backend/stackconfig"
)

// AuditLockOutput records the created audit log bucket's lock as "MODE/DAYS" (e.g. "GOVERNANCE/2557"),
// so that the next deployment can refuse to weaken it.
const AuditLockOutput = "auditLogLock"

// AuditLock is the value of AuditLockOutput for a configuration ("" without a created log bucket).
func AuditLock(cfg *stackconfig.Config) string {
	a := cfg.AuditTrail
	if a == nil || a.LogBucket != "" {
		return ""
	}
	return fmt.Sprintf("%s/%d", a.ObjectLock, a.RetentionDays)
}

var lockStrength = []stackconfig.ObjectLock{stackconfig.ObjectLockNone, stackconfig.ObjectLockGovernance, stackconfig.ObjectLockCompliance}

// checkAuditLock refuses a configuration that weakens the lock of the created audit log bucket: a weaker
// mode (COMPLIANCE to GOVERNANCE or NONE, GOVERNANCE to NONE), or fewer days under a lock. Turning the
// trail off, or moving to an existing bucket, changes nothing of the created bucket, which is retained
// with its lock, so neither counts.
func checkAuditLock(cfg *stackconfig.Config, last *lastDeployment) []stackconfig.Problem {
	problems, warning := auditLockProblems(cfg, last)
	if warning != "" {
		last.ctx.Log.Warn(warning, nil)
	}
	return problems
}

func auditLockProblems(cfg *stackconfig.Config, last *lastDeployment) ([]stackconfig.Problem, string) {
	now := AuditLock(cfg)
	if now == "" {
		return nil, ""
	}
	value, err := last.value(AuditLockOutput)
	if err != nil {
		return []stackconfig.Problem{{Key: stackconfig.KeyAuditTrail, Why: "the stack's previous deployment cannot be read to compare the audit log lock: " + firstLine(err),
			Fix: "check access to the Pulumi backend; the stack reads its own outputs"}}, ""
	}
	before, _ := value.(string)
	oldMode, oldDays, ok := parseLock(before)
	if !ok {
		return nil, "" // no lock recorded: nothing to weaken
	}
	newMode, newDays, _ := parseLock(now)
	weaker := ""
	switch {
	case slices.Index(lockStrength, newMode) < slices.Index(lockStrength, oldMode):
		weaker = fmt.Sprintf("changes the log bucket's Object Lock from %s to %s", oldMode, newMode)
	case oldMode != stackconfig.ObjectLockNone && newDays < oldDays:
		weaker = fmt.Sprintf("shortens the log bucket's locked retention from %d to %d days", oldDays, newDays)
	}
	if weaker == "" {
		if newDays < oldDays {
			return nil, fmt.Sprintf("auditTrail.retentionDays goes from %d to %d: the log bucket's lifecycle rule will expire the logs older than %d days",
				oldDays, newDays, newDays)
		}
		return nil, ""
	}
	return []stackconfig.Problem{{
		Key:   stackconfig.KeyAuditTrail,
		Value: now,
		Why:   weaker + ": audit logs are kept tamper-proof for the time promised when they were written",
		Fix: fmt.Sprintf("keep objectLock %s and retentionDays %d or more; logs already written keep their own retention whatever the default says",
			oldMode, oldDays),
	}}, ""
}

func parseLock(s string) (stackconfig.ObjectLock, int, bool) {
	mode, days, ok := strings.Cut(s, "/")
	n, err := strconv.Atoi(days)
	if !ok || err != nil || !slices.Contains(lockStrength, stackconfig.ObjectLock(mode)) {
		return "", 0, false
	}
	return stackconfig.ObjectLock(mode), n, true
}
