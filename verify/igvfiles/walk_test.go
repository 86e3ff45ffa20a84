package igvfiles

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

const bamKey = "cohort1/wgs/NA12878.bam"

func TestAnIndexedBAMPassesEveryStepInIGVsOrder(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	f.put(t, bamKey+".bai", baiFile())
	steps := walk(t, f, "s3://"+bucket+"/"+bamKey)
	var names []string
	for _, s := range steps {
		if !s.Passed {
			t.Errorf("step %s failed: %s (%v)", s.Name, s.Detail, s.Err)
		}
		names = append(names, s.Name)
	}
	want := []string{
		"ListBuckets",
		"ListObjectsV2 s3://igv-data-eu/",
		"ListObjectsV2 s3://igv-data-eu/cohort1/",
		"ListObjectsV2 s3://igv-data-eu/cohort1/wgs/",
		"HeadObject s3://igv-data-eu/cohort1/wgs/NA12878.bam",
		"GetObject s3://igv-data-eu/cohort1/wgs/NA12878.bam bytes=0-65535",
		"file type",
		"index",
		"GetObject s3://igv-data-eu/cohort1/wgs/NA12878.bam.bai bytes=0-65535",
		"index file type",
	}
	if !slices.Equal(names, want) {
		t.Errorf("steps = %q\nwant    %q", names, want)
	}
}

func TestTheRangedReadSendsARangeHeaderAndReadsAtMost64KiB(t *testing.T) {
	f := newFake(t)
	big := bgzf(t, bamHeader(), noise(60000, 4), noise(60000, 5), noise(60000, 6))
	if len(big) < 3*HeadSize/2 {
		t.Fatalf("test object of %d bytes; want well over 64 KiB", len(big))
	}
	f.put(t, bamKey, big)
	steps := walk(t, f, "s3://"+bucket+"/"+bamKey)
	if s := step(t, steps, "file type"); !s.Passed {
		t.Errorf("file type: %s", s.Detail)
	}
	gets := f.recorded("GET")
	var reads []request
	for _, r := range gets {
		if strings.HasSuffix(r.Path, "/"+bamKey) {
			reads = append(reads, r)
		}
	}
	if len(reads) != 1 {
		t.Fatalf("GETs of the object = %+v; want one", reads)
	}
	if reads[0].Range != "bytes=0-65535" {
		t.Errorf("Range header = %q; want bytes=0-65535", reads[0].Range)
	}
	if reads[0].Sent != HeadSize {
		t.Errorf("S3 sent %d bytes; want %d", reads[0].Sent, HeadSize)
	}
}

// IGV needs byte ranges; a server that ignores them fails the step, and the
// walk still reads no more than 64 KiB of the answer.
func TestAResponseIgnoringRangeFailsAndIsReadNoFurtherThan64KiB(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bgzf(t, bamHeader(), noise(60000, 7), noise(60000, 8)))
	c := &tweaked{S3: f, ignoreRange: true}
	s := step(t, walk(t, c, "s3://"+bucket+"/"+bamKey), "GetObject s3://"+bucket+"/"+bamKey+" bytes=0-65535")
	if s.Passed || !strings.Contains(s.Detail, "ignored the Range header") {
		t.Errorf("GetObject = %q (%v)", s.Detail, s.Err)
	}
	if c.read.n > HeadSize {
		t.Errorf("read %d bytes; want at most %d", c.read.n, HeadSize)
	}
}

func TestFoldersAreListedWithTheDelimiterOneLevelAtATime(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	f.put(t, "cohort1/other.txt", []byte("x"))
	walk(t, f, "s3://"+bucket+"/"+bamKey)
	var prefixes []string
	for _, r := range f.recorded("GET") {
		if r.Query.Get("list-type") != "2" {
			continue
		}
		if d := r.Query.Get("delimiter"); d != "/" {
			t.Errorf("ListObjectsV2 with delimiter %q; want /", d)
		}
		prefixes = append(prefixes, r.Query.Get("prefix"))
	}
	if want := []string{"", "cohort1/", "cohort1/wgs/"}; !slices.Equal(prefixes, want) {
		t.Errorf("prefixes listed = %q; want %q", prefixes, want)
	}
}

func TestAListingDeniedAtAFolderStopsTheDeeperListingsAndKeepsTheError(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	steps := walk(t, &tweaked{S3: f, denyPrefix: "cohort1/"}, "s3://"+bucket+"/"+bamKey)
	s := step(t, steps, "ListObjectsV2 s3://igv-data-eu/cohort1/")
	var api smithy.APIError
	if s.Passed || !errors.As(s.Err, &api) || api.ErrorCode() != "AccessDenied" {
		t.Errorf("listing = %q (%v); want AccessDenied kept", s.Detail, s.Err)
	}
	for _, s := range steps {
		if s.Name == "ListObjectsV2 s3://igv-data-eu/cohort1/wgs/" {
			t.Errorf("listed below a folder that could not be listed")
		}
	}
	step(t, steps, "HeadObject s3://"+bucket+"/"+bamKey) // the walk goes on
}

func TestAFolderOfMoreThan1000EntriesFailsAsIGVsBrowserHangs(t *testing.T) {
	if testing.Short() {
		t.Skip("puts 1001 objects")
	}
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	for i := range 1000 {
		f.put(t, fmt.Sprintf("cohort1/wgs/sample%04d.txt", i), []byte("x"))
	}
	s := step(t, walk(t, f, "s3://"+bucket+"/"+bamKey), "ListObjectsV2 s3://igv-data-eu/cohort1/wgs/")
	if s.Passed || !errors.Is(s.Err, ErrNotListed) || !strings.Contains(s.Detail, "continuation") {
		t.Errorf("step = %+v; want a failure about continuation tokens", s)
	}
}

func TestEverySupportedFileTypeIsRecognisedInS3(t *testing.T) {
	f := newFake(t)
	files := map[string][]byte{
		"t/NA12878.bam":       bamFile(t),
		"t/NA12878.bam.bai":   baiFile(),
		"t/NA12878.bam.csi":   csiFile(t),
		"t/NA12878.cram":      cramFile(3, 1),
		"t/NA12878.cram.crai": craiFile(t),
		"t/calls.vcf.gz":      vcfGzFile(t),
		"t/calls.vcf.gz.tbi":  tbiFile(t),
		"t/calls.vcf":         []byte(vcfText),
	}
	for k, b := range files {
		f.put(t, k, b)
	}
	for k := range files {
		t.Run(k, func(t *testing.T) {
			s := step(t, walk(t, f, "s3://"+bucket+"/"+k), "file type")
			want, _ := ExpectedKind(k)
			if !s.Passed || !strings.Contains(s.Detail, "is a "+string(want.Format)) {
				t.Errorf("file type: %s (%v)", s.Detail, s.Err)
			}
		})
	}
}

func TestAnHTMLPageNamedBAMFails(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, []byte("<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>\n"))
	s := step(t, walk(t, f, "s3://"+bucket+"/"+bamKey), "file type")
	want := "s3://igv-data-eu/cohort1/wgs/NA12878.bam is not a BAM: not a recognised genomics file: it is an HTML page"
	if s.Passed || !errors.Is(s.Err, ErrUnrecognised) || !strings.HasPrefix(s.Detail, want) {
		t.Errorf("file type = %q (%v); want %q...", s.Detail, s.Err, want)
	}
}

func TestAPlainGzipVCFNamedVCFGzFails(t *testing.T) {
	f := newFake(t)
	f.put(t, "calls/cohort.vcf.gz", gzipped(t, []byte(vcfText)))
	s := step(t, walk(t, f, "s3://"+bucket+"/calls/cohort.vcf.gz"), "file type")
	if s.Passed || !errors.Is(s.Err, ErrNotBGZF) || !strings.Contains(s.Detail, "is not a VCF.gz: gzip but not BGZF") {
		t.Errorf("file type = %q (%v)", s.Detail, s.Err)
	}
}

func TestAnEmptyObjectFails(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, nil)
	steps := walk(t, f, "s3://"+bucket+"/"+bamKey)
	s := step(t, steps, "file type")
	if s.Passed || !errors.Is(s.Err, ErrEmpty) || !strings.Contains(s.Detail, "is not a BAM: empty file") {
		t.Errorf("file type = %q (%v)", s.Detail, s.Err)
	}
	// S3 answers a ranged GET of an empty object with InvalidRange: none is sent.
	for _, r := range f.recorded("GET") {
		if r.Range != "" {
			t.Errorf("ranged GET %s sent for an empty object", r.Path)
		}
	}
}

func TestAMissingIndexFailsAndNamesTheCandidatesTried(t *testing.T) {
	f := newFake(t)
	f.put(t, "t/NA12878.cram", cramFile(3, 1))
	s := step(t, walk(t, f, "s3://"+bucket+"/t/NA12878.cram"), "index")
	want := "tried s3://igv-data-eu/t/NA12878.cram.crai, s3://igv-data-eu/t/NA12878.crai"
	if s.Passed || !errors.Is(s.Err, ErrNoIndex) || !strings.Contains(s.Detail, want) {
		t.Errorf("index = %q (%v); want a failure naming %q", s.Detail, s.Err, want)
	}
}

func TestAPresentIndexIsTheOneIGVWouldUse(t *testing.T) {
	for _, tc := range []struct{ data, index string }{
		{"t/NA12878.bam", "t/NA12878.bam.bai"},
		{"t/NA12878.cram", "t/NA12878.cram.crai"},
		{"t/NA12878.cram", "t/NA12878.crai"},
		{"t/calls.vcf.gz", "t/calls.vcf.gz.tbi"},
	} {
		t.Run(tc.index, func(t *testing.T) {
			f := newFake(t)
			files := map[string][]byte{".bam": bamFile(t), ".bai": baiFile(), ".cram": cramFile(3, 0), ".crai": craiFile(t), ".gz": vcfGzFile(t), ".tbi": tbiFile(t)}
			f.put(t, tc.data, files[tc.data[strings.LastIndex(tc.data, "."):]])
			f.put(t, tc.index, files[tc.index[strings.LastIndex(tc.index, "."):]])
			steps := walk(t, f, "s3://"+bucket+"/"+tc.data)
			if s := step(t, steps, "index"); !s.Passed || s.Detail != "IGV would use s3://"+bucket+"/"+tc.index {
				t.Errorf("index = %q (%v)", s.Detail, s.Err)
			}
			if s := step(t, steps, "index file type"); !s.Passed {
				t.Errorf("index file type = %q (%v)", s.Detail, s.Err)
			}
		})
	}
}

// Over s3:// IGV looks for KEY.bam.bai only; a CSI (or Picard's KEY.bai) is
// used only when the user selects it along with the BAM.
func TestACSIBesideABAMIsNotFoundByIGVButIsNamed(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	f.put(t, bamKey+".csi", csiFile(t))
	s := step(t, walk(t, f, "s3://"+bucket+"/"+bamKey), "index")
	if s.Passed || !errors.Is(s.Err, ErrNoIndex) || !strings.Contains(s.Detail, bamKey+".csi exists, which IGV uses only if the user selects it") {
		t.Errorf("index = %q (%v)", s.Detail, s.Err)
	}
}

func TestAnIndexThatIsNotAnIndexFails(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	f.put(t, bamKey+".bai", []byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>`))
	s := step(t, walk(t, f, "s3://"+bucket+"/"+bamKey), "index file type")
	if s.Passed || !strings.Contains(s.Detail, "is not a BAI: not a recognised genomics file: it is an S3 error document (XML with code NoSuchKey)") {
		t.Errorf("index file type = %q (%v)", s.Detail, s.Err)
	}
}

func TestABucketNotInListBucketsFails(t *testing.T) {
	f := newFake(t, "igv-other")
	f.put(t, bamKey, bamFile(t))
	s := step(t, walk(t, f, "s3://not-listed-bucket/"+bamKey), "ListBuckets")
	if s.Passed || !errors.Is(s.Err, ErrNotListed) || !strings.Contains(s.Detail, "not among the 2 buckets") {
		t.Errorf("ListBuckets = %q (%v)", s.Detail, s.Err)
	}
}

func TestABucketNotInListBucketsPassesWhenBucketsAreGiven(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	counter := &tweaked{S3: f}
	steps := walk(t, counter, "s3://"+bucket+"/"+bamKey, "igv-other", bucket)
	if s := step(t, steps, "bucket list (AWS_S3_BUCKETS)"); !s.Passed {
		t.Errorf("bucket list = %q (%v)", s.Detail, s.Err)
	}
	if counter.listBucketsCalls != 0 {
		t.Errorf("ListBuckets called %d times; IGV 3.0 does not call it when AWS_S3_BUCKETS is set", counter.listBucketsCalls)
	}
}

func TestABucketNotAmongTheBucketsGivenFails(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	s := step(t, walk(t, f, "s3://"+bucket+"/"+bamKey, "igv-other"), "bucket list (AWS_S3_BUCKETS)")
	if s.Passed || !errors.Is(s.Err, ErrNotListed) {
		t.Errorf("bucket list = %q (%v)", s.Detail, s.Err)
	}
}

func TestListBucketsAccessDeniedIsKeptAndTheWalkGoesOn(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	f.put(t, bamKey+".bai", baiFile())
	steps := walk(t, &tweaked{S3: f, denyListBuckets: true}, "s3://"+bucket+"/"+bamKey)
	s := step(t, steps, "ListBuckets")
	var api smithy.APIError
	if s.Passed || !errors.As(s.Err, &api) || api.ErrorCode() != "AccessDenied" {
		t.Errorf("ListBuckets = %q (%v); want AccessDenied kept", s.Detail, s.Err)
	}
	if s := step(t, steps, "index"); !s.Passed {
		t.Errorf("the walk stopped at ListBuckets: index = %q", s.Detail)
	}
}

func TestAMissingObjectFailsAtHeadObjectWithTheS3ErrorKept(t *testing.T) {
	f := newFake(t)
	f.put(t, "cohort1/wgs/other.bam", bamFile(t))
	steps := walk(t, f, "s3://"+bucket+"/"+bamKey)
	last := steps[len(steps)-1]
	if last.Name != "HeadObject s3://"+bucket+"/"+bamKey {
		t.Fatalf("last step = %q; want the walk to stop at HeadObject", last.Name)
	}
	var api smithy.APIError
	if last.Passed || !errors.As(last.Err, &api) || api.ErrorCode() != "NotFound" {
		t.Errorf("HeadObject = %q (%v); want NotFound kept", last.Detail, last.Err)
	}
	if s := step(t, steps, "ListObjectsV2 s3://igv-data-eu/cohort1/wgs/"); s.Passed {
		t.Errorf("listing = %q; want the object missing from its folder", s.Detail)
	}
}

// IGV's AmazonUtils.isObjectAccessible refuses any storage class containing
// "GLACIER", Glacier Instant Retrieval included.
func TestAGlacierInstantRetrievalObjectIsRefusedAsIGVDoes(t *testing.T) {
	f := newFake(t)
	f.put(t, bamKey, bamFile(t))
	s := step(t, walk(t, &tweaked{S3: f, class: s3types.StorageClassGlacierIr}, "s3://"+bucket+"/"+bamKey), "HeadObject s3://"+bucket+"/"+bamKey)
	if s.Passed || !errors.Is(s.Err, ErrArchived) {
		t.Errorf("HeadObject = %q (%v)", s.Detail, s.Err)
	}
}

func TestAnHTTPSURLFailsBeforeAnyS3Call(t *testing.T) {
	f := newFake(t)
	steps := walk(t, f, "https://"+bucket+".s3.eu-west-2.amazonaws.com/"+bamKey)
	if len(steps) != 1 || steps[0].Passed || !errors.Is(steps[0].Err, ErrBadURL) {
		t.Errorf("steps = %+v", steps)
	}
	if n := len(f.recorded("GET")) + len(f.recorded("HEAD")); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// tweaked wraps an S3 to change what gofakes3 does not model: a denied
// ListBuckets or listing, a storage class, a server ignoring Range. It also
// counts ListBuckets calls and the object bytes the walk reads.
type tweaked struct {
	S3
	denyListBuckets  bool
	denyPrefix       string
	class            s3types.StorageClass
	ignoreRange      bool
	listBucketsCalls int
	read             countingReader
}

func accessDenied(op, msg string) error {
	return &smithy.OperationError{ServiceID: "S3", OperationName: op, Err: &smithy.GenericAPIError{Code: "AccessDenied", Message: msg}}
}

func (w *tweaked) ListBuckets(ctx context.Context, in *s3.ListBucketsInput, opts ...func(*s3.Options)) (*s3.ListBucketsOutput, error) {
	w.listBucketsCalls++
	if w.denyListBuckets {
		return nil, accessDenied("ListBuckets", "User is not authorized to perform: s3:ListAllMyBuckets")
	}
	return w.S3.ListBuckets(ctx, in, opts...)
}

func (w *tweaked) ListObjectsV2(ctx context.Context, in *s3.ListObjectsV2Input, opts ...func(*s3.Options)) (*s3.ListObjectsV2Output, error) {
	if w.denyPrefix != "" && aws.ToString(in.Prefix) == w.denyPrefix {
		return nil, accessDenied("ListObjectsV2", "User is not authorized to perform: s3:ListBucket")
	}
	return w.S3.ListObjectsV2(ctx, in, opts...)
}

func (w *tweaked) HeadObject(ctx context.Context, in *s3.HeadObjectInput, opts ...func(*s3.Options)) (*s3.HeadObjectOutput, error) {
	out, err := w.S3.HeadObject(ctx, in, opts...)
	if err == nil && w.class != "" {
		out.StorageClass = w.class
	}
	return out, err
}

func (w *tweaked) GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	if w.ignoreRange {
		plain := *in
		plain.Range = nil
		in = &plain
	}
	out, err := w.S3.GetObject(ctx, in, opts...)
	if err == nil {
		w.read.r = out.Body
		out.Body = &w.read
	}
	return out, err
}

type countingReader struct {
	r io.ReadCloser
	n int
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += n
	return n, err
}

func (c *countingReader) Close() error { return c.r.Close() }
