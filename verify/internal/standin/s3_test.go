package standin

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const scratch = "genomics-lab-igv-dev-scratch"

func TestSessionReadsAGrantedBucket(t *testing.T) {
	d, client := serve(t)
	require.NoError(t, d.PutObject(scratch, "run1/sample.bam", []byte("BAM\x01")))
	out, err := sessionS3(t, d, client).GetObject(context.Background(), &s3.GetObjectInput{
		Bucket: aws.String(scratch), Key: aws.String("run1/sample.bam")})
	require.NoError(t, err)
	defer out.Body.Close()
	body, err := io.ReadAll(out.Body)
	require.NoError(t, err)
	assert.Equal(t, "BAM\x01", string(body))
}

func TestSessionIsDeniedABucketItIsNotGranted(t *testing.T) {
	d, client := serve(t)
	config := devSynth(t).Outputs["configBucket"].(string)
	_, err := sessionS3(t, d, client).GetObject(context.Background(), &s3.GetObjectInput{
		Bucket: aws.String(config), Key: aws.String("oauth-config.json")})
	code, _ := apiError(t, err)
	assert.Equal(t, "AccessDenied", code)
}

func TestSessionListsTheAccountsBucketsAndAGrantedBucket(t *testing.T) {
	d, client := serve(t)
	require.NoError(t, d.PutObject(scratch, "run1/sample.bam", []byte("x")))
	s := sessionS3(t, d, client)
	buckets, err := s.ListBuckets(context.Background(), &s3.ListBucketsInput{})
	require.NoError(t, err)
	assert.Len(t, buckets.Buckets, len(d.Buckets))

	list, err := s.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(scratch),
		Prefix: aws.String(""), Delimiter: aws.String("/")})
	require.NoError(t, err)
	require.Len(t, list.CommonPrefixes, 1)
	assert.Equal(t, "run1/", aws.ToString(list.CommonPrefixes[0].Prefix))
	calls := d.CallsTo("ListObjectsV2")
	require.Len(t, calls, 1)
	assert.Equal(t, []string{"/"}, calls[0].Params["delimiter"])
}

func TestUnsignedRequestsAreDenied(t *testing.T) {
	d, client := serve(t)
	require.NoError(t, d.PutObject(scratch, "x.bam", []byte("x")))
	resp, err := client.Get("https://" + scratch + ".s3." + d.Region + ".amazonaws.com/x.bam")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	assert.Contains(t, string(body), "<Code>AccessDenied</Code>")
}

func TestAdminReadsBucketPolicyAndLocation(t *testing.T) {
	d, client := serve(t)
	s := s3.NewFromConfig(adminConfig(t, d, client))
	policy, err := s.GetBucketPolicy(context.Background(), &s3.GetBucketPolicyInput{Bucket: aws.String(scratch)})
	require.NoError(t, err)
	assert.JSONEq(t, d.Buckets[scratch].Policy.MustJSON(), aws.ToString(policy.Policy))

	loc, err := s.GetBucketLocation(context.Background(), &s3.GetBucketLocationInput{Bucket: aws.String(scratch)})
	require.NoError(t, err)
	assert.Equal(t, d.Region, string(loc.LocationConstraint))
}

func TestBucketWithoutPolicyAnswersNoSuchBucketPolicy(t *testing.T) {
	d, client := serve(t)
	_, err := s3.NewFromConfig(adminConfig(t, d, client)).GetBucketPolicy(context.Background(),
		&s3.GetBucketPolicyInput{Bucket: aws.String("genomics-lab-reference-genomes")})
	code, _ := apiError(t, err)
	assert.Equal(t, "NoSuchBucketPolicy", code)
}

func TestBucketInAnotherRegionRedirectsPermanently(t *testing.T) {
	d, client := serve(t)
	d.Buckets[scratch].Region = "us-west-2"
	_, err := sessionS3(t, d, client).HeadObject(context.Background(), &s3.HeadObjectInput{
		Bucket: aws.String(scratch), Key: aws.String("x.bam")})
	require.Error(t, err)
	calls := d.CallsTo("HeadObject")
	require.Len(t, calls, 1)
	assert.Equal(t, "PermanentRedirect", calls[0].Error)
	assert.Equal(t, http.StatusMovedPermanently, calls[0].Status)
}

func TestReadingUnderACustomerManagedKeyNeedsDecrypt(t *testing.T) {
	d, client := serve(t)
	require.NoError(t, d.PutObject(scratch, "x.bam", []byte("x")))
	d.Buckets[scratch].KMSKeyARN = "arn:aws:kms:" + d.Region + ":" + d.AccountID + ":key/1234abcd-0000-4000-a000-000000000000"
	_, err := sessionS3(t, d, client).GetObject(context.Background(), &s3.GetObjectInput{
		Bucket: aws.String(scratch), Key: aws.String("x.bam")})
	code, msg := apiError(t, err)
	assert.Equal(t, "AccessDenied", code)
	assert.Contains(t, msg, "kms:Decrypt")
}

func TestMissingKeyIsForbiddenWithoutListBucket(t *testing.T) {
	d, client := serve(t)
	role := d.Roles[d.IdentityPool.Roles["authenticated"]]
	for name, doc := range role.Policies {
		var kept = doc.Statement[:0:0]
		for _, s := range doc.Statement {
			if s.Action[0] != "s3:ListBucket" {
				kept = append(kept, s)
			}
		}
		doc.Statement = kept
		role.Policies[name] = doc
	}
	_, err := sessionS3(t, d, client).GetObject(context.Background(), &s3.GetObjectInput{
		Bucket: aws.String(scratch), Key: aws.String("missing.bam")})
	code, _ := apiError(t, err)
	assert.Equal(t, "AccessDenied", code)
}

func TestMissingKeyIsNoSuchKeyForACallerWhoMayList(t *testing.T) {
	d, client := serve(t)
	_, err := sessionS3(t, d, client).GetObject(context.Background(), &s3.GetObjectInput{
		Bucket: aws.String(scratch), Key: aws.String("missing.bam")})
	code, _ := apiError(t, err)
	assert.Equal(t, "NoSuchKey", code)
}

func TestPresignedURLStopsWorkingWhenItExpires(t *testing.T) {
	d, client := serve(t)
	require.NoError(t, d.PutObject(scratch, "x.bam", []byte("x")))
	req, err := s3.NewPresignClient(sessionS3(t, d, client)).PresignGetObject(context.Background(),
		&s3.GetObjectInput{Bucket: aws.String(scratch), Key: aws.String("x.bam")},
		s3.WithPresignExpires(time.Minute))
	require.NoError(t, err)

	resp, err := client.Get(req.URL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	d.Clock = func() time.Time { return time.Now().Add(2 * time.Minute) }
	resp, err = client.Get(req.URL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
}
