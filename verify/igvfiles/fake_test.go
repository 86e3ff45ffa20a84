package igvfiles

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

const (
	region = "eu-west-2"
	bucket = "igv-data-eu"
)

// request is one HTTP request the fake S3 answered.
type request struct {
	Method string
	Path   string
	Query  url.Values
	Range  string
	Sent   int // response body bytes
}

// fake is gofakes3, an S3 implementation in Go, behind a recorder of the
// requests it answers, so tests can check what went over the wire.
type fake struct {
	*s3.Client
	mu       sync.Mutex
	requests []request
}

func newFake(t testing.TB, buckets ...string) *fake {
	t.Helper()
	f := &fake{}
	s3fake := gofakes3.New(s3mem.New()).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		s3fake.ServeHTTP(cw, r)
		f.mu.Lock()
		defer f.mu.Unlock()
		f.requests = append(f.requests, request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Range: r.Header.Get("Range"), Sent: cw.n})
	}))
	t.Cleanup(srv.Close)
	f.Client = s3.New(s3.Options{
		Region:       region,
		BaseEndpoint: aws.String(srv.URL),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
	})
	for _, b := range append([]string{bucket}, buckets...) {
		if _, err := f.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatal(err)
		}
	}
	f.requests = nil
	return f
}

func (f *fake) put(t testing.TB, key string, body []byte) {
	t.Helper()
	if _, err := f.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)}); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = nil
}

// recorded returns the requests answered so far with the given method.
func (f *fake) recorded(method string) []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	var rs []request
	for _, r := range f.requests {
		if r.Method == method {
			rs = append(rs, r)
		}
	}
	return rs
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// step returns the step with the given name, failing the test if there is none.
func step(t testing.TB, steps []Step, name string) Step {
	t.Helper()
	for _, s := range steps {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no step %q in:\n%s", name, dump(steps))
	return Step{}
}

func dump(steps []Step) string {
	var b bytes.Buffer
	for _, s := range steps {
		mark := "FAIL"
		if s.Passed {
			mark = "ok  "
		}
		b.WriteString(mark + " " + s.Name + ": " + s.Detail + "\n")
	}
	return b.String()
}

func walk(t testing.TB, f S3, object string, buckets ...string) []Step {
	t.Helper()
	steps := Walk(context.Background(), f, object, buckets)
	t.Logf("walk %s:\n%s", object, dump(steps))
	return steps
}
