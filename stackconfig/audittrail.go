package stackconfig

import (
	"fmt"
	"slices"
)

func parseAuditTrail(v string, c *Config, ps *problems) *AuditTrail {
	var a AuditTrail
	if err := decodeStrict(v, &a); err != nil {
		ps.add(KeyAuditTrail, "", "is not an object {enabled, logBucket, retentionDays, kmsKeyArn, objectLock}: "+err.Error(),
			"write it as an object with only those keys")
		return nil
	}
	if !a.Enabled {
		return nil
	}
	at := func(field string) string { return KeyAuditTrail + "." + field }
	if a.RetentionDays == 0 {
		a.RetentionDays = DefaultAuditRetentionDays
	}
	if a.RetentionDays < 1 || a.RetentionDays > 36500 {
		ps.add(at("retentionDays"), fmt.Sprint(a.RetentionDays), "is out of range", "keep the logs 1 to 36500 days (clinical rules often ask for years, e.g. 2557 for 7)")
	}
	if a.ObjectLock == "" {
		a.ObjectLock = ObjectLockNone
	}
	if !slices.Contains([]ObjectLock{ObjectLockNone, ObjectLockGovernance, ObjectLockCompliance}, a.ObjectLock) {
		ps.add(at("objectLock"), quote(string(a.ObjectLock)), "is not one of NONE, GOVERNANCE, COMPLIANCE", "set one of them (exactly, in that case)")
	}
	if a.LogBucket != "" {
		if why := bucketNameProblem(a.LogBucket); why != "" {
			ps.add(at("logBucket"), quote(a.LogBucket), why, "give an existing bucket's exact name, or leave it empty for the stack to create one")
		}
		if a.ObjectLock != ObjectLockNone {
			ps.add(at("objectLock"), quote(string(a.ObjectLock)), "applies to the log bucket the stack creates, but logBucket names an existing one, which the stack never modifies",
				"set Object Lock on that bucket yourself (README, Audit trail) and objectLock to NONE, or leave logBucket empty")
		}
		if a.LogBucket == c.AccessLogBucket {
			ps.add(at("logBucket"), quote(a.LogBucket), "is also "+KeyAccessLogBucket+"; keep audit logs apart from access logs (an Object Lock bucket cannot even receive server access logs)",
				"use another bucket, or leave logBucket empty")
		}
		for _, b := range c.Buckets {
			if b.Name == a.LogBucket {
				ps.add(at("logBucket"), quote(a.LogBucket), "is a data bucket IGV users read", "use a bucket of its own")
			}
		}
	}
	if a.KMSKeyARN != "" {
		m := kmsKeyPattern.FindStringSubmatch(a.KMSKeyARN)
		switch {
		case m == nil:
			ps.add(at("kmsKeyArn"), quote(a.KMSKeyARN), "is not a KMS key ARN", "use arn:aws:kms:REGION:ACCOUNT:key/KEY-ID")
		case c.Region != "" && m[1] != c.Region:
			ps.add(at("kmsKeyArn"), quote(a.KMSKeyARN), "is in "+m[1]+", but the trail is in "+c.Region, "use a key in "+c.Region)
		}
	}
	if n, most := len(c.Buckets), BucketsPerFirstTrail+(MaxAuditTrails-1)*BucketsPerTrail; n > most {
		ps.add(KeyBuckets, fmt.Sprintf("%d buckets", n), fmt.Sprintf("need more than %d audit trails, which hold %d buckets (a trail's selectors hold %d values)",
			MaxAuditTrails, most, MaxSelectorValuesPerTrail), "split the buckets across stacks")
	}
	return &a
}

// TrailBuckets splits the data buckets, in name order (so that reordering the config changes nothing),
// into the trails that record them, one selector value per bucket: BucketsPerFirstTrail in the first,
// BucketsPerTrail in each further one.
func TrailBuckets(buckets []Bucket) [][]string {
	names := make([]string, len(buckets))
	for i, b := range buckets {
		names[i] = b.Name
	}
	slices.Sort(names)
	var out [][]string
	for len(names) > 0 {
		n := BucketsPerTrail
		if len(out) == 0 {
			n = BucketsPerFirstTrail
		}
		n = min(n, len(names))
		out = append(out, names[:n])
		names = names[n:]
	}
	return out
}
