package policies

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
)

// IAM quotas that bound how much bucket access one role can carry.
const (
	// ManagedPolicyMaxChars is the size limit of one customer managed policy, whitespace not counted.
	ManagedPolicyMaxChars = 6144
	// DefaultMaxManagedPolicies is the default quota of managed policies attached to one role.
	DefaultMaxManagedPolicies = 10
	// HardMaxManagedPolicies is the most a quota increase can give.
	HardMaxManagedPolicies = 20
)

// Grant is IGV users' read access to one bucket.
type Grant struct {
	Bucket string
	// Prefixes limits listing and reading to keys under these prefixes; empty means the whole bucket.
	Prefixes []string
	// KMSKeyARN is the customer managed key the bucket's objects are encrypted with, if any.
	KMSKeyARN string
}

// DataPolicy is one managed policy of the authenticated role's read-only data access.
type DataPolicy struct {
	// Slot is the policy's stable index in [0, maxPolicies). A bucket's slot depends only on its name
	// and on maxPolicies, so adding or removing a bucket changes no other policy.
	Slot     int
	Buckets  []string
	Document Document
	// Size is the document's length as IAM counts it against ManagedPolicyMaxChars.
	Size int
}

// CapacityError says that the configured buckets do not fit into the role's managed policies.
type CapacityError struct {
	Buckets     int // configured
	Fit         int // how many, taken in name order, fit
	MaxPolicies int
	Slot        int // the first policy over the limit
	Size        int // its size
}

func (e *CapacityError) Error() string {
	return fmt.Sprintf("read access to %d buckets does not fit into %d managed policies of %d characters: "+
		"policy slot %d would be %d characters, and only the first %d buckets (in name order) fit",
		e.Buckets, e.MaxPolicies, ManagedPolicyMaxChars, e.Slot, e.Size, e.Fit)
}

// DataAccess packs read-only access to the given buckets into at most maxPolicies documents, each
// within ManagedPolicyMaxChars (igv-contract.md, section 5):
//   - s3:ListBucket on each bucket, conditioned on s3:prefix when the grant has prefixes;
//   - s3:GetObject on BUCKET/* or BUCKET/PREFIX*;
//   - kms:Decrypt on the grants' keys only.
//
// Buckets are spread over policy slots by a consistent hash of their name: the packing is
// deterministic, independent of configuration order, and stable (a new bucket changes only the
// policy it lands in). Slots without buckets produce no document.
func DataAccess(grants []Grant, maxPolicies int) ([]DataPolicy, error) {
	if maxPolicies < 1 {
		return nil, fmt.Errorf("maxPolicies must be at least 1, got %d", maxPolicies)
	}
	bySlot := make([][]Grant, maxPolicies)
	for _, g := range grants {
		s := Slot(g.Bucket, maxPolicies)
		bySlot[s] = append(bySlot[s], g)
	}
	var out []DataPolicy
	for slot, gs := range bySlot {
		if len(gs) == 0 {
			continue
		}
		doc := dataDocument(gs)
		size := Size(doc.MustJSON())
		if size > ManagedPolicyMaxChars {
			return nil, &CapacityError{
				Buckets: len(grants), Fit: fitCount(grants, maxPolicies), MaxPolicies: maxPolicies,
				Slot: slot, Size: size,
			}
		}
		buckets := make([]string, len(gs))
		for i, g := range gs {
			buckets[i] = g.Bucket
		}
		slices.Sort(buckets)
		out = append(out, DataPolicy{Slot: slot, Buckets: buckets, Document: doc, Size: size})
	}
	return out, nil
}

// Slot is the policy slot of a bucket: Lamping and Veach's jump consistent hash of the name's FNV-1a
// hash. Raising maxPolicies moves only the buckets that land in the new slots.
func Slot(bucket string, maxPolicies int) int {
	h := fnv.New64a()
	h.Write([]byte(bucket))
	key := h.Sum64()
	var b, j int64 = -1, 0
	for j < int64(maxPolicies) {
		b = j
		key = key*2862933555777941757 + 1
		j = int64(float64(b+1) * (float64(int64(1)<<31) / float64((key>>33)+1)))
	}
	return int(b)
}

// Size is a policy's length as IAM counts it against its quotas: characters other than whitespace.
func Size(policyJSON string) int {
	n := 0
	for _, r := range policyJSON {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// dataDocument is the read-only policy of the grants that share one slot.
func dataDocument(grants []Grant) Document {
	grants = slices.Clone(grants)
	slices.SortFunc(grants, func(a, b Grant) int { return strings.Compare(a.Bucket, b.Bucket) })

	var wholeBuckets, objects, keys []string
	// Buckets limited to the same prefixes share one listing statement: institutes often lay out
	// every run bucket alike, and a statement per bucket would exhaust the quota early.
	listByPrefixes := map[string][]string{}
	for _, g := range grants {
		if g.KMSKeyARN != "" {
			keys = append(keys, g.KMSKeyARN)
		}
		if len(g.Prefixes) == 0 {
			wholeBuckets = append(wholeBuckets, BucketARN(g.Bucket))
			objects = append(objects, ObjectsARN(g.Bucket, ""))
			continue
		}
		var patterns []string
		for _, p := range g.Prefixes {
			objects = append(objects, ObjectsARN(g.Bucket, p))
			patterns = append(patterns, p+"*")
		}
		set := strings.Join(sortedUnique(patterns), "\x00")
		listByPrefixes[set] = append(listByPrefixes[set], BucketARN(g.Bucket))
	}
	sets := make([]string, 0, len(listByPrefixes))
	for set := range listByPrefixes {
		sets = append(sets, set)
	}
	slices.Sort(sets)
	var prefixLists []Statement
	for _, set := range sets {
		patterns := strings.Split(set, "\x00")
		// Listing as IGV's S3 browser does it, one folder level at a time (delimiter "/"): the folders
		// that lead from the root to the granted prefixes, and anything below those prefixes. The
		// names on the way are visible; nothing below a sibling folder is.
		prefixLists = append(prefixLists, Statement{
			Effect:   Allow,
			Action:   Values{"s3:ListBucket"},
			Resource: sortedUnique(listByPrefixes[set]),
			Condition: Conditions{
				"StringLike":   {"s3:prefix": sortedUnique(append(ancestors(patterns), patterns...))},
				"StringEquals": {"s3:delimiter": {"/"}},
			},
		})
	}

	var statements []Statement
	if len(wholeBuckets) > 0 {
		statements = append(statements, Statement{
			Sid: "ListBuckets", Effect: Allow, Action: Values{"s3:ListBucket"}, Resource: sortedUnique(wholeBuckets),
		})
	}
	statements = append(statements, prefixLists...)
	statements = append(statements, Statement{
		Sid: "ReadObjects", Effect: Allow, Action: Values{"s3:GetObject"}, Resource: sortedUnique(objects),
	})
	if len(keys) > 0 {
		statements = append(statements, Statement{
			Sid: "DecryptObjects", Effect: Allow, Action: Values{"kms:Decrypt"}, Resource: sortedUnique(keys),
		})
	}
	return New(statements...)
}

// ancestors are the folders above the given prefix patterns ("releases/2026/*" gives "" and
// "releases/"), the levels a browser lists to reach them.
func ancestors(patterns []string) Values {
	var out []string
	for _, p := range patterns {
		p = strings.TrimSuffix(p, "*")
		out = append(out, "")
		for i := 0; i < len(p)-1; i++ {
			if p[i] == '/' {
				out = append(out, p[:i+1])
			}
		}
	}
	return sortedUnique(out)
}

// fitCount is how many grants, taken in bucket-name order, fit before a slot overflows.
func fitCount(grants []Grant, maxPolicies int) int {
	sorted := slices.Clone(grants)
	slices.SortFunc(sorted, func(a, b Grant) int { return strings.Compare(a.Bucket, b.Bucket) })
	bySlot := make([][]Grant, maxPolicies)
	for i, g := range sorted {
		s := Slot(g.Bucket, maxPolicies)
		bySlot[s] = append(bySlot[s], g)
		if Size(dataDocument(bySlot[s]).MustJSON()) > ManagedPolicyMaxChars {
			return i
		}
	}
	return len(sorted)
}
