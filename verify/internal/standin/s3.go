package standin

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"

	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
)

// S3 in front of gofakes3's in-memory store: the endpoints (virtual-hosted and path style, regional
// and global), credentials and regions, and authorization by policies/iamsim over the role's policies and
// the bucket policy. Objects, listings and ranges are gofakes3's; bucket policy and location are
// answered here.

const s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

var (
	s3HostPattern = regexp.MustCompile(`^(?:(.+)\.)?s3(?:\.dualstack)?(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$`)
	regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)
)

// parseS3Host reads an S3 endpoint host: the bucket of a virtual-hosted name, and the endpoint's
// region ("" for the global endpoint s3.amazonaws.com).
func parseS3Host(host string) (bucket, region string, ok bool) {
	m := s3HostPattern.FindStringSubmatch(host)
	if m == nil || (m[2] != "" && !regionPattern.MatchString(m[2])) {
		return "", "", false
	}
	return m[1], m[2], true
}

// subresources are the query parameters that make a request another operation than the plain
// GET/PUT/HEAD/DELETE of an object or bucket.
var subresources = []string{
	"accelerate", "acl", "analytics", "attributes", "cors", "delete", "encryption", "intelligent-tiering",
	"inventory", "legal-hold", "lifecycle", "location", "logging", "metrics", "notification", "object-lock",
	"ownershipControls", "partNumber", "policy", "policyStatus", "publicAccessBlock", "replication",
	"requestPayment", "restore", "retention", "select", "tagging", "torrent", "uploadId", "uploads",
	"versionId", "versioning", "versions", "website",
}

// s3Op is one S3 operation: its name, the IAM action it needs, and whether it only reads.
type s3Op struct {
	name, action string
	read         bool
}

func s3Operation(r *http.Request, bucket, key string) s3Op {
	q := r.URL.Query()
	sub := ""
	for _, s := range subresources {
		if _, ok := q[s]; ok {
			sub = s
			break
		}
	}
	switch {
	case bucket == "" && r.Method == http.MethodGet:
		return s3Op{"ListBuckets", "s3:ListAllMyBuckets", true}
	case key == "" && r.Method == http.MethodGet && sub == "location":
		return s3Op{"GetBucketLocation", "s3:GetBucketLocation", true}
	case key == "" && r.Method == http.MethodGet && sub == "policy":
		return s3Op{"GetBucketPolicy", "s3:GetBucketPolicy", true}
	case key == "" && r.Method == http.MethodGet && sub == "versioning":
		return s3Op{"GetBucketVersioning", "s3:GetBucketVersioning", true}
	case key == "" && r.Method == http.MethodGet && sub == "" && q.Get("list-type") == "2":
		return s3Op{"ListObjectsV2", "s3:ListBucket", true}
	case key == "" && r.Method == http.MethodGet && sub == "":
		return s3Op{"ListObjects", "s3:ListBucket", true}
	case key == "" && r.Method == http.MethodHead && sub == "":
		return s3Op{"HeadBucket", "s3:ListBucket", true}
	case key != "" && r.Method == http.MethodGet && sub == "":
		return s3Op{"GetObject", "s3:GetObject", true}
	case key != "" && r.Method == http.MethodHead && sub == "":
		return s3Op{"HeadObject", "s3:GetObject", true}
	case key != "" && r.Method == http.MethodPut && sub == "" && r.Header.Get("X-Amz-Copy-Source") == "":
		return s3Op{"PutObject", "s3:PutObject", false}
	case key != "" && r.Method == http.MethodDelete && sub == "":
		return s3Op{"DeleteObject", "s3:DeleteObject", false}
	}
	return s3Op{name: "Unsupported " + r.Method + " " + sub}
}

func (d *Deployment) serveS3(w http.ResponseWriter, r *http.Request, c *Call, host string) {
	bucket, endpointRegion, _ := parseS3Host(host)
	pathStyle := bucket == ""
	key := strings.TrimPrefix(r.URL.Path, "/")
	if pathStyle {
		bucket, key, _ = strings.Cut(key, "/")
	}
	op := s3Operation(r, bucket, key)
	c.Operation = op.name
	if bucket != "" {
		c.param("Bucket", bucket)
	}
	if key != "" {
		c.param("Key", key)
	}
	q := r.URL.Query()
	for _, p := range []string{"prefix", "delimiter", "max-keys", "continuation-token", "bucket-region"} {
		if v, ok := q[p]; ok {
			c.param(p, v...)
		}
	}
	if rng := r.Header.Get("Range"); rng != "" {
		c.param("Range", rng)
	}

	who, problem := d.caller(r)
	c.AccessKeyID = who.cred.keyID
	switch problem {
	case malformed:
		s3Error(w, r, c, http.StatusBadRequest, "AuthorizationHeaderMalformed", "The authorization header is malformed.")
		return
	case unknownKey:
		s3Error(w, r, c, http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.",
			"AWSAccessKeyId", who.cred.keyID)
		return
	case badToken:
		s3Error(w, r, c, http.StatusBadRequest, "InvalidToken", "The provided token is malformed or otherwise invalid.")
		return
	case expiredToken:
		s3Error(w, r, c, http.StatusBadRequest, "ExpiredToken", "The provided token has expired.")
		return
	}
	if who.cred.presigned && !d.now().Before(who.cred.signedAt.Add(who.cred.expires)) {
		s3Error(w, r, c, http.StatusForbidden, "AccessDenied", "Request has expired",
			"Expires", who.cred.signedAt.Add(who.cred.expires).UTC().Format(time.RFC3339),
			"ServerTime", d.now().UTC().Format(time.RFC3339))
		return
	}
	if op.action == "" {
		s3Error(w, r, c, http.StatusNotImplemented, "NotImplemented",
			"A header or query you provided implies functionality that is not implemented.")
		return
	}

	if bucket == "" {
		if d.allowS3(w, r, c, who, op, nil, "*") {
			d.listBuckets(w, r)
		}
		return
	}
	b := d.Buckets[bucket]
	if b == nil {
		s3Error(w, r, c, http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist", "BucketName", bucket)
		return
	}
	if op.name != "GetBucketLocation" && !d.rightRegion(w, r, c, who, b, endpointRegion, pathStyle) {
		return
	}
	resource := "arn:aws:s3:::" + bucket
	if key != "" {
		resource += "/" + key
	}
	if !d.allowS3(w, r, c, who, op, b, resource) {
		return
	}

	switch op.name {
	case "GetBucketLocation":
		location := b.Region
		if location == "us-east-1" {
			location = "" // S3's answer for us-east-1
		}
		writeS3XML(w, struct {
			XMLName xml.Name `xml:"LocationConstraint"`
			Xmlns   string   `xml:"xmlns,attr"`
			Value   string   `xml:",chardata"`
		}{Xmlns: s3Namespace, Value: location})
	case "GetBucketPolicy":
		if b.Policy == nil {
			s3Error(w, r, c, http.StatusNotFound, "NoSuchBucketPolicy", "The bucket policy does not exist", "BucketName", bucket)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(b.Policy.MustJSON()))
	case "HeadBucket":
		w.Header().Set("X-Amz-Bucket-Region", b.Region)
		w.Header().Set("X-Amz-Access-Point-Alias", "false")
		w.WriteHeader(http.StatusOK)
	default:
		if (op.name == "GetObject" || op.name == "HeadObject") && !d.objectReadable(w, r, c, who, b, key) {
			return
		}
		if err := d.ensureStoreBucket(bucket); err != nil {
			s3Error(w, r, c, http.StatusInternalServerError, "InternalError", err.Error())
			return
		}
		d.forwardToStore(w, r, bucket, key)
	}
}

// rightRegion answers what S3 answers when a bucket is addressed in another region than its own:
// a regional endpoint redirects permanently, and a signature scoped to the wrong region is refused
// with the region it should have been.
func (d *Deployment) rightRegion(w http.ResponseWriter, r *http.Request, c *Call, who caller, b *Bucket,
	endpointRegion string, pathStyle bool) bool {
	endpoint := endpointRegion
	if endpoint == "" && pathStyle {
		endpoint = "us-east-1" // s3.amazonaws.com/BUCKET is served by us-east-1
	}
	if endpoint != "" && endpoint != b.Region {
		w.Header().Set("X-Amz-Bucket-Region", b.Region)
		s3Error(w, r, c, http.StatusMovedPermanently, "PermanentRedirect",
			"The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
			"Endpoint", b.Name+".s3."+b.Region+".amazonaws.com", "Bucket", b.Name)
		return false
	}
	if who.kind != anonymous && who.cred.region != b.Region {
		w.Header().Set("X-Amz-Bucket-Region", b.Region)
		s3Error(w, r, c, http.StatusBadRequest, "AuthorizationHeaderMalformed",
			fmt.Sprintf("The authorization header is malformed; the region '%s' is wrong; expecting '%s'", who.cred.region, b.Region),
			"Region", b.Region)
		return false
	}
	return true
}

// s3Context is the request's S3 condition keys.
func s3Context(r *http.Request, who caller) map[string][]string {
	q := r.URL.Query()
	ctx := map[string][]string{"aws:SecureTransport": {"true"}}
	for _, k := range []string{"prefix", "delimiter", "max-keys"} {
		if v, ok := q[k]; ok {
			ctx["s3:"+k] = v
		}
	}
	if who.kind != anonymous {
		ctx["s3:signatureversion"] = []string{"AWS4-HMAC-SHA256"}
		ctx["s3:authType"] = []string{"REST-HEADER"}
		if who.cred.presigned {
			ctx["s3:authType"] = []string{"REST-QUERY-STRING"}
		}
	}
	return ctx
}

// allowS3 authorizes an S3 operation: an IGV user's session by its role's policies and the bucket
// policy, the admin for every read, and an anonymous caller only by a public bucket policy on a
// bucket without Block Public Access.
func (d *Deployment) allowS3(w http.ResponseWriter, r *http.Request, c *Call, who caller, op s3Op, b *Bucket, resource string) bool {
	denied := func(msg string) bool {
		s3Error(w, r, c, http.StatusForbidden, "AccessDenied", msg)
		return false
	}
	switch who.kind {
	case admin:
		if !op.read {
			return denied("Access Denied (the stand-in's admin key is read-only)")
		}
		return true
	case anonymous:
		if b == nil || b.BlockPublicAccess || b.Policy == nil {
			return denied("Access Denied")
		}
		ev, err := evaluate(evalRequest{principals: []string{"*"}, action: op.action, resource: resource,
			resourcePolicy: b.Policy, context: s3Context(r, who)})
		if err != nil {
			return denied("standin: " + err.Error())
		}
		if ev.decision != iamsim.Allowed {
			return denied("Access Denied")
		}
		return true
	}
	ev, err := d.authorizeSession(who.session, op.action, resource, bucketPolicy(b), s3Context(r, who))
	if err != nil {
		return denied("standin: " + err.Error())
	}
	if ev.decision != iamsim.Allowed {
		return denied(deniedMessage(who.arn(d), op.action, resource, ev))
	}
	return true
}

func bucketPolicy(b *Bucket) *policies.Document {
	if b == nil {
		return nil
	}
	return b.Policy
}

// objectReadable adds what S3 checks beyond s3:GetObject when reading an object: a missing key is
// 404 only for a caller who may list the bucket (403 otherwise, so keys cannot be probed), and an
// object under a customer managed key needs kms:Decrypt on it.
func (d *Deployment) objectReadable(w http.ResponseWriter, r *http.Request, c *Call, who caller, b *Bucket, key string) bool {
	if who.kind != federated {
		return true
	}
	if _, err := d.store.HeadObject(b.Name, key); err != nil {
		if !gofakes3.HasErrorCode(err, gofakes3.ErrNoSuchKey) {
			s3Error(w, r, c, http.StatusInternalServerError, "InternalError", err.Error())
			return false
		}
		ev, err := d.authorizeSession(who.session, "s3:ListBucket", "arn:aws:s3:::"+b.Name, b.Policy, s3Context(r, who))
		if err != nil || ev.decision != iamsim.Allowed {
			s3Error(w, r, c, http.StatusForbidden, "AccessDenied", "Access Denied")
			return false
		}
		return true // gofakes3 answers NoSuchKey
	}
	if b.KMSKeyARN == "" || r.Method == http.MethodHead {
		return true
	}
	ev, err := d.authorizeSession(who.session, "kms:Decrypt", b.KMSKeyARN, nil, nil)
	if err != nil || ev.decision != iamsim.Allowed {
		s3Error(w, r, c, http.StatusForbidden, "AccessDenied",
			fmt.Sprintf("User: %s is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because no identity-based policy allows the kms:Decrypt action",
				who.arn(d)))
		return false
	}
	return true
}

// forwardToStore hands an authorized object or listing request to gofakes3, path style.
func (d *Deployment) forwardToStore(w http.ResponseWriter, r *http.Request, bucket, key string) {
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/" + bucket
	if key != "" {
		r2.URL.Path += "/" + key
	}
	r2.URL.RawPath = ""
	r2.Host = "s3.amazonaws.com"
	d.s3Store().ServeHTTP(w, r2)
}

func (d *Deployment) s3Store() http.Handler {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.fake == nil {
		d.fake = gofakes3.New(d.store, gofakes3.WithTimeSkewLimit(0), gofakes3.WithoutVersioning()).Server()
	}
	return d.fake
}

// listBuckets answers ListBuckets with every bucket of the account, in every region.
func (d *Deployment) listBuckets(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	type bucketXML struct {
		Name         string
		CreationDate string
		BucketRegion string
	}
	names := make([]string, 0, len(d.Buckets))
	for name, b := range d.Buckets {
		if !strings.HasPrefix(name, q.Get("prefix")) || (q.Get("bucket-region") != "" && b.Region != q.Get("bucket-region")) {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	var list struct {
		Bucket []bucketXML
	}
	for _, name := range names {
		list.Bucket = append(list.Bucket, bucketXML{name, created.Format(time.RFC3339), d.Buckets[name].Region})
	}
	writeS3XML(w, struct {
		XMLName xml.Name `xml:"ListAllMyBucketsResult"`
		Xmlns   string   `xml:"xmlns,attr"`
		Owner   struct{ ID, DisplayName string }
		Buckets any
	}{Xmlns: s3Namespace, Owner: struct{ ID, DisplayName string }{randomTokenFrom(d.AccountID, 32), "admin"}, Buckets: list})
}

func writeS3XML(w http.ResponseWriter, v any) {
	body, err := xml.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("X-Amz-Request-Id", randomToken(16, upperAlnum))
	_, _ = w.Write(append([]byte(xml.Header), body...))
}

// s3Error writes S3's XML error; extra are further element name and value pairs. HEAD answers
// carry no body.
func s3Error(w http.ResponseWriter, r *http.Request, c *Call, status int, code, message string, extra ...string) {
	c.Error = code
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString("<Error><Code>" + escape(code) + "</Code><Message>" + escape(message) + "</Message>")
	for i := 0; i+1 < len(extra); i += 2 {
		b.WriteString("<" + extra[i] + ">" + escape(extra[i+1]) + "</" + extra[i] + ">")
	}
	id := randomToken(16, upperAlnum)
	b.WriteString("<RequestId>" + id + "</RequestId><HostId>" + randomToken(56, mixedAlnum) + "</HostId></Error>")
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("X-Amz-Request-Id", id)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(b.String()))
	}
}

func escape(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return ""
	}
	return b.String()
}
