package audit

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

const (
	account  = "123456789012"
	region   = "eu-west-2"
	logs     = "igv-audit-logs-98ac0da"
	pool     = "eu-west-2:3ec09ebd-b439-42da-a2db-b24ae9c07cc9"
	jane     = "eu-west-2:11111111-1111-4111-a111-111111111111"
	mallory  = "eu-west-2:22222222-2222-4222-a222-222222222222"
	roleName = "igv-identity-authenticated-165b531"
)

// fakeS3 is gofakes3, an S3 implementation in Go, holding the log bucket.
func fakeS3(t testing.TB) *s3.Client {
	t.Helper()
	srv := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	t.Cleanup(srv.Close)
	c := s3.New(s3.Options{
		Region:       region,
		BaseEndpoint: aws.String(srv.URL),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
	})
	if _, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(logs)}); err != nil {
		t.Fatal(err)
	}
	return c
}

// logKey is where CloudTrail delivers a file at the given time.
func logKey(at time.Time, unique string) string {
	return fmt.Sprintf("AWSLogs/%s/CloudTrail/%s/%s/%s_CloudTrail_%s_%s_%s.json.gz",
		account, region, at.UTC().Format("2006/01/02"), account, region, at.UTC().Format("20060102T1504Z"), unique)
}

// gzipped is a CloudTrail log file of the records.
func gzipped(t testing.TB, records []map[string]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(map[string]any{"Records": records}); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func put(t testing.TB, c *s3.Client, key string, body []byte) {
	t.Helper()
	if _, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(logs), Key: aws.String(key), Body: bytes.NewReader(body)}); err != nil {
		t.Fatal(err)
	}
}

// loginRecord is the AssumeRoleWithWebIdentity record of an IGV login, as CloudTrail documents it.
func loginRecord(at time.Time, identity, claimed, accessKey string) map[string]any {
	return map[string]any{
		"eventVersion": "1.08", "eventTime": at.UTC().Format(time.RFC3339), "eventSource": "sts.amazonaws.com",
		"eventName": "AssumeRoleWithWebIdentity", "awsRegion": region, "sourceIPAddress": "192.0.2.10",
		"userIdentity": map[string]any{"type": "WebIdentityUser", "principalId": "cognito-identity.amazonaws.com:" + pool + ":" + identity,
			"userName": identity, "identityProvider": "cognito-identity.amazonaws.com"},
		"requestParameters": map[string]any{"roleArn": "arn:aws:iam::" + account + ":role/igv/" + roleName, "roleSessionName": claimed, "durationSeconds": 3600},
		"responseElements": map[string]any{
			"credentials":                 map[string]any{"accessKeyId": accessKey, "sessionToken": "x", "expiration": at.Add(time.Hour).Format(time.RFC3339)},
			"subjectFromWebIdentityToken": identity,
			"assumedRoleUser":             map[string]any{"arn": "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + claimed, "assumedRoleId": "AROA:" + claimed},
			"provider":                    "cognito-identity.amazonaws.com", "audience": pool,
		},
		"eventType": "AwsApiCall", "managementEvent": true, "recipientAccountId": account,
	}
}

// read is the S3 data event of a read made with a login's credentials.
func read(at time.Time, identity, session, accessKey, eventName, bucket, key string, bytes int) map[string]any {
	params := map[string]any{"bucketName": bucket, "Host": bucket + ".s3." + region + ".amazonaws.com"}
	if strings.HasPrefix(eventName, "List") {
		params["prefix"], params["delimiter"] = key, "/"
	} else {
		params["key"] = key
	}
	return map[string]any{
		"eventVersion": "1.09", "eventTime": at.UTC().Format(time.RFC3339), "eventSource": "s3.amazonaws.com", "eventName": eventName,
		"awsRegion": region, "sourceIPAddress": "192.0.2.10",
		"userIdentity": map[string]any{
			"type": "AssumedRole", "principalId": "AROA:" + session, "accessKeyId": accessKey, "accountId": account,
			"arn": "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session,
			"sessionContext": map[string]any{
				"sessionIssuer": map[string]any{"type": "Role", "arn": "arn:aws:iam::" + account + ":role/igv/" + roleName},
				"webIdFederationData": map[string]any{"federatedProvider": "cognito-identity.amazonaws.com",
					"attributes": map[string]any{"cognito-identity.amazonaws.com:aud": pool, "cognito-identity.amazonaws.com:sub": identity,
						"cognito-identity.amazonaws.com:amr": `["authenticated"]`}},
				"attributes": map[string]any{"creationDate": at.Add(-time.Minute).Format(time.RFC3339), "mfaAuthenticated": "false"},
			},
		},
		"requestParameters":   params,
		"additionalEventData": map[string]any{"bytesTransferredOut": bytes},
		"resources":           []any{map[string]any{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::" + bucket + "/" + key}},
		"eventType":           "AwsApiCall", "managementEvent": false, "eventCategory": "Data", "readOnly": true, "recipientAccountId": account,
	}
}

var day = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

func at(h, m int) time.Time {
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

func query(from, to time.Time) Query {
	return Query{Bucket: logs, Account: account, Region: region, From: from, To: to}
}

func scan(t testing.TB, c *s3.Client, q Query) *Report {
	t.Helper()
	r, err := Scan(context.Background(), c, q, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

const cram = "releases/2026/P123.cram"

func TestAReadIsReportedWithTheTrustedIdentityAndTheClaimedEmailOfItsLogin(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(9, 5), "a"), gzipped(t, []map[string]any{loginRecord(at(9, 1), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE")}))
	put(t, c, logKey(at(9, 10), "b"), gzipped(t, []map[string]any{
		read(at(9, 2), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 512000),
		read(at(9, 4), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 512000),
		read(at(9, 3), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "ListObjectsV2", "clinical", "releases/", 0),
	}))
	r := scan(t, c, query(at(9, 0), at(10, 0)))
	if len(r.Rows) != 2 {
		t.Fatalf("rows = %+v, want the CRAM and the listing", r.Rows)
	}
	var got Row
	for _, row := range r.Rows {
		if row.Object == "s3://clinical/"+cram {
			got = row
		}
	}
	want := Row{IdentityID: jane, ClaimedEmail: "jane.doe@genomics-lab.example.org", SessionName: "jane.doe@genomics-lab.example.org",
		AccessKeyID: "ASIAJANE", Principal: "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/jane.doe@genomics-lab.example.org",
		Object: "s3://clinical/" + cram, First: at(9, 2), Last: at(9, 4), Reads: 2, Bytes: 1024000, Matched: true}
	if got != want {
		t.Errorf("row = %+v\nwant  %+v", got, want)
	}
	if r.Logins != 1 || r.Reads != 3 || r.Unmatched != 0 || len(r.Flags) != 0 {
		t.Errorf("report = %+v", r)
	}
}

// The session name is the client's choice; the identity id is STS's. Both impersonation patterns are flagged.
func TestAnIdentityWithSeveralNamesAndANameOfSeveralIdentitiesAreFlagged(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(9, 5), "a"), gzipped(t, []map[string]any{
		loginRecord(at(9, 0), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE"),
		// Mallory logs in claiming to be Jane, then as someone else.
		loginRecord(at(9, 1), mallory, "jane.doe@genomics-lab.example.org", "ASIAMAL1"),
		loginRecord(at(9, 2), mallory, "raj.patel@genomics-lab.example.org", "ASIAMAL2"),
	}))
	put(t, c, logKey(at(9, 10), "b"), gzipped(t, []map[string]any{
		read(at(9, 3), mallory, "jane.doe@genomics-lab.example.org", "ASIAMAL1", "GetObject", "clinical", cram, 100),
	}))
	r := scan(t, c, query(at(9, 0), at(10, 0)))
	want := []Flag{
		{Kind: "identity with several names", Who: mallory, Others: []string{"jane.doe@genomics-lab.example.org", "raj.patel@genomics-lab.example.org"}},
		{Kind: "name of several identities", Who: "jane.doe@genomics-lab.example.org", Others: []string{jane, mallory}},
	}
	if fmt.Sprint(r.Flags) != fmt.Sprint(want) {
		t.Errorf("flags = %+v\nwant    %+v", r.Flags, want)
	}
	if len(r.Rows) != 1 || r.Rows[0].IdentityID != mallory || r.Rows[0].ClaimedEmail != "jane.doe@genomics-lab.example.org" {
		t.Errorf("the read is Mallory's, whatever the name: %+v", r.Rows)
	}
}

func TestAReadWhoseLoginIsNotInTheLogsIsKeptAndMarked(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(6, 5), "a"), gzipped(t, []map[string]any{loginRecord(at(6, 0), jane, "jane.doe@genomics-lab.example.org", "ASIAOLD")}))
	put(t, c, logKey(at(9, 10), "b"), gzipped(t, []map[string]any{read(at(9, 3), jane, "jane.doe@genomics-lab.example.org", "ASIAOLD", "GetObject", "clinical", cram, 1)}))
	r := scan(t, c, query(at(9, 0), at(10, 0))) // the login is three hours before: beyond the look-back
	if len(r.Rows) != 1 || r.Rows[0].Matched || r.Rows[0].IdentityID != jane || r.Rows[0].SessionName != "jane.doe@genomics-lab.example.org" || r.Unmatched != 1 {
		t.Errorf("the read must be reported, unmatched, with its trusted identity: %+v", r)
	}
}

// A login up to an hour before the window issued sessions that read inside it.
func TestTheScanLooksBackForLoginsAndForwardForLateDeliveries(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(8, 20), "a"), gzipped(t, []map[string]any{loginRecord(at(8, 15), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE")}))
	// An event of the window's last minute, delivered seven minutes after it.
	put(t, c, logKey(at(10, 7), "b"), gzipped(t, []map[string]any{
		read(at(9, 59), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 1),
		read(at(10, 2), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 1),
	}))
	r := scan(t, c, query(at(9, 0), at(10, 0)))
	if len(r.Rows) != 1 || !r.Rows[0].Matched || r.Rows[0].Reads != 1 {
		t.Errorf("want the one read inside the window, joined to the earlier login: %+v", r)
	}
}

// A file can hold events on both sides of the window's edge: only those inside count.
func TestAWindowThatCutsThroughAFileCountsOnlyItsOwnEvents(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(9, 5), "a"), gzipped(t, []map[string]any{
		loginRecord(at(8, 50), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE"),
		read(at(8, 58), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 1),
		read(at(9, 1), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 1),
		read(at(9, 2), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "HeadObject", "clinical", cram, 0),
	}))
	r := scan(t, c, query(at(9, 0), at(10, 0)))
	if len(r.Rows) != 1 || r.Rows[0].Reads != 2 || !r.Rows[0].First.Equal(at(9, 1)) {
		t.Errorf("want two reads from 09:01: %+v", r.Rows)
	}
}

func TestMalformedFilesAndRecordsAreSkippedAndCountedNeverFatal(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(9, 5), "not-gzip"), []byte("plain text"))
	var notJSON bytes.Buffer
	zw := gzip.NewWriter(&notJSON)
	_, _ = zw.Write([]byte("{\"Records\": [ {\"eventTime\": "))
	_ = zw.Close()
	put(t, c, logKey(at(9, 6), "truncated"), notJSON.Bytes())
	good := read(at(9, 3), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 1)
	put(t, c, logKey(at(9, 7), "mixed"), gzipped(t, []map[string]any{
		{"eventTime": 12345, "eventName": "GetObject"}, // a record of the wrong shape
		{"eventName": "GetObject"},                     // no time
		good,
	}))
	r := scan(t, c, query(at(9, 0), at(10, 0)))
	if r.SkippedFiles != 2 || r.SkippedRecords != 2 || r.Reads != 1 || len(r.Problems) != 2 {
		t.Errorf("report = files skipped %d, records skipped %d, reads %d, problems %v", r.SkippedFiles, r.SkippedRecords, r.Reads, r.Problems)
	}
}

// A day of five-minute deliveries from several sources is well over 1,000 files: listing pages.
func TestMoreThanAThousandLogFilesAreAllRead(t *testing.T) {
	if testing.Short() {
		t.Skip("uploads 1,200 files")
	}
	c := fakeS3(t)
	for i := range 1200 {
		when := at(0, 0).Add(time.Duration(i) * time.Minute)
		put(t, c, logKey(when, fmt.Sprintf("f%04d", i)), gzipped(t, []map[string]any{
			read(when, jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 1),
		}))
	}
	r := scan(t, c, query(at(0, 0), at(23, 59)))
	if r.Files < 1200 || r.Reads != 1200 {
		t.Errorf("read %d files and %d reads, want all 1,200", r.Files, r.Reads)
	}
}

func TestTheUserAndObjectFiltersNarrowTheReport(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(9, 5), "a"), gzipped(t, []map[string]any{
		loginRecord(at(9, 0), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE"),
		loginRecord(at(9, 0), mallory, "raj.patel@genomics-lab.example.org", "ASIARAJ"),
		read(at(9, 1), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 1),
		read(at(9, 1), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", "other.bam", 1),
		read(at(9, 2), mallory, "raj.patel@genomics-lab.example.org", "ASIARAJ", "GetObject", "clinical", cram, 1),
	}))
	q := query(at(9, 0), at(10, 0))
	q.User = "Jane.Doe@genomics-lab.example.org"
	if r := scan(t, c, q); len(r.Rows) != 2 {
		t.Errorf("Jane's reads: %+v", r.Rows)
	}
	q = query(at(9, 0), at(10, 0))
	q.Object = "s3://clinical/" + cram
	if r := scan(t, c, q); len(r.Rows) != 2 || r.Rows[0].Object != q.Object {
		t.Errorf("who read the CRAM: %+v", r.Rows)
	}
}

func TestTheCommandWaitsForLateDeliveriesAndWritesCSV(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(9, 5), "a"), gzipped(t, []map[string]any{
		loginRecord(at(9, 0), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE"),
		read(at(9, 1), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 7),
	}))
	var slept time.Duration
	deps := Deps{
		NewSource: func(context.Context, string) (Source, error) { return c, nil },
		StackOutputs: func(_ context.Context, stack string) (map[string]any, error) {
			return map[string]any{"auditLogBucket": logs, "auditTrailArns": []any{"arn:aws:cloudtrail:" + region + ":" + account + ":trail/igv-aws-backend-prod-audit"}}, nil
		},
		Now:   func() time.Time { return at(10, 0) },
		Sleep: func(_ context.Context, d time.Duration) error { slept = d; return nil },
	}
	var stdout, stderr bytes.Buffer
	if code := Main(context.Background(), []string{"-stack", "prod", "-since", "1h", "-to", "2026-11-30T10:00:00Z", "-format", "csv"}, &stdout, &stderr, deps); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if slept != DefaultLateness {
		t.Errorf("slept %s, want %s for the window that has just ended", slept, DefaultLateness)
	}
	want := "identity_id,claimed_email,session_name,access_key_id,principal,object,first,last,reads,bytes,matched\n" +
		jane + ",jane.doe@genomics-lab.example.org,jane.doe@genomics-lab.example.org,ASIAJANE,arn:aws:sts::" + account + ":assumed-role/" + roleName +
		"/jane.doe@genomics-lab.example.org,s3://clinical/" + cram +
		",2026-11-30T09:01:00Z,2026-11-30T09:01:00Z,1,7,true\n"
	if stdout.String() != want {
		t.Errorf("csv =\n%s\nwant\n%s", stdout.String(), want)
	}
	if !strings.Contains(stderr.String(), "1 log files, 2 events: 1 logins, 1 reads") {
		t.Errorf("stderr = %q", stderr.String())
	}

	// A window that ends now is not waited for: its last minutes are said to be incomplete.
	slept, stdout, stderr = 0, bytes.Buffer{}, bytes.Buffer{}
	if code := Main(context.Background(), []string{"-stack", "prod", "-since", "1h"}, &stdout, &stderr, deps); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if slept != 0 || !strings.Contains(stderr.String(), "may be missing") {
		t.Errorf("slept %s; stderr %q", slept, stderr.String())
	}
}

func TestRefusedReadsAreCountedAndOtherPrincipalsNamed(t *testing.T) {
	c := fakeS3(t)
	denied := read(at(9, 2), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", "outside/secret.bam", 0)
	denied["errorCode"] = "AccessDenied"
	admin := read(at(9, 3), "", "", "AKIAADMIN", "GetObject", "clinical", cram, 9)
	admin["userIdentity"] = map[string]any{"type": "IAMUser", "arn": "arn:aws:iam::" + account + ":user/lab-admin", "accessKeyId": "AKIAADMIN"}
	put(t, c, logKey(at(9, 5), "a"), gzipped(t, []map[string]any{loginRecord(at(9, 0), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE"), denied, admin}))
	r := scan(t, c, query(at(9, 0), at(10, 0)))
	if r.Denied != 1 || r.Reads != 1 || len(r.Rows) != 1 {
		t.Fatalf("report = %+v", r)
	}
	if row := r.Rows[0]; row.Principal != "arn:aws:iam::"+account+":user/lab-admin" || row.IdentityID != "" {
		t.Errorf("the admin's read is listed with their ARN: %+v", row)
	}
}

// -user finds a person by the identities that logged in under the name: Mallory's reads under Jane's
// name are hers, and show up when asking for her.
func TestTheUserFilterFollowsTheTrustedIdentity(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(9, 5), "a"), gzipped(t, []map[string]any{
		loginRecord(at(9, 0), mallory, "raj.patel@genomics-lab.example.org", "ASIAMAL1"),
		loginRecord(at(9, 1), mallory, "jane.doe@genomics-lab.example.org", "ASIAMAL2"),
		read(at(9, 2), mallory, "jane.doe@genomics-lab.example.org", "ASIAMAL2", "GetObject", "clinical", cram, 1),
	}))
	q := query(at(9, 0), at(10, 0))
	q.User = "raj.patel@genomics-lab.example.org"
	r := scan(t, c, q)
	if len(r.Rows) != 1 || r.Rows[0].IdentityID != mallory {
		t.Errorf("the read made under Jane's name by the identity that logged in as Raj: %+v", r.Rows)
	}
}

func TestAWindowAcrossMidnightReadsBothDays(t *testing.T) {
	c := fakeS3(t)
	put(t, c, logKey(at(23, 50), "a"), gzipped(t, []map[string]any{
		loginRecord(at(23, 40), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE"),
		read(at(23, 45), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 1),
	}))
	put(t, c, logKey(at(24, 10), "b"), gzipped(t, []map[string]any{
		read(at(24, 5), jane, "jane.doe@genomics-lab.example.org", "ASIAJANE", "GetObject", "clinical", cram, 1),
	}))
	r := scan(t, c, query(at(23, 30), at(24, 30)))
	if len(r.Rows) != 1 || r.Rows[0].Reads != 2 || !r.Rows[0].Matched {
		t.Errorf("want both reads, joined: %+v", r.Rows)
	}
}

func TestTheCommandRefusesBadUsage(t *testing.T) {
	deps := Deps{Now: time.Now}
	for _, args := range [][]string{
		nil,
		{"-stack", "prod", "-bucket", logs},
		{"-bucket", logs},
		{"-stack", "prod", "-format", "xml"},
		{"-stack", "prod", "-object", "clinical/x.cram"},
		{"-stack", "prod", "-from", "2026-11-30T10:00:00Z", "-to", "2026-11-30T09:00:00Z"},
	} {
		var stdout, stderr bytes.Buffer
		if code := Main(context.Background(), args, &stdout, &stderr, deps); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
