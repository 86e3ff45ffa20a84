package audit

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Source is the part of the S3 API the scan uses.
type Source interface {
	ListObjectsV2(ctx context.Context, in *s3.ListObjectsV2Input, opts ...func(*s3.Options)) (*s3.ListObjectsV2Output, error)
	GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error)
}

// Defaults of a Query's margins.
const (
	// DefaultLookback reaches back for the logins of the window's reads: IGV's credentials last an hour.
	DefaultLookback = time.Hour
	// DefaultLateness reaches forward for events delivered late: CloudTrail delivers in about 5 minutes
	// on average, so a file named after the window can hold the window's last events.
	DefaultLateness = 15 * time.Minute
)

// Query is what to scan and report.
type Query struct {
	// Bucket holds the logs, under Prefix (the trail's s3KeyPrefix, usually ""), of Account and Region.
	Bucket, Prefix, Account, Region string
	// From and To bound the reads reported (eventTime).
	From, To time.Time
	// Lookback and Lateness widen the files read: logins up to Lookback before From, deliveries up to
	// Lateness after To.
	Lookback, Lateness time.Duration
	// User limits the report to a claimed email (or session name); Object to one s3:// URL.
	User, Object string
}

// fileTime is the time in a CloudTrail log file's name: ACCOUNT_CloudTrail_REGION_20261130T0905Z_x.json.gz.
var fileTime = regexp.MustCompile(`_CloudTrail_[a-z0-9-]+_(\d{8}T\d{4}Z)_`)

// Scan streams the log files of the query's window and builds the report. Progress, when not nil,
// gets a line every 100 files. A file that cannot be read as gzipped CloudTrail JSON, and a record that
// is not a CloudTrail record, are skipped and counted, never fatal.
func Scan(ctx context.Context, src Source, q Query, progress io.Writer) (*Report, error) {
	if q.Lookback == 0 {
		q.Lookback = DefaultLookback
	}
	if q.Lateness == 0 {
		q.Lateness = DefaultLateness
	}
	files, err := listFiles(ctx, src, q)
	if err != nil {
		return nil, err
	}
	b := newBuilder(q)
	for i, key := range files {
		if err := b.readFile(ctx, src, q.Bucket, key); err != nil {
			return nil, err
		}
		if progress != nil && (i+1)%100 == 0 {
			fmt.Fprintf(progress, "audit: %d of %d log files, %d events\n", i+1, len(files), b.report.Records)
		}
	}
	return b.finish(), nil
}

// listFiles lists, day by day, the log files named within [From-Lookback, To+Lateness], oldest first.
func listFiles(ctx context.Context, src Source, q Query) ([]string, error) {
	start, end := q.From.Add(-q.Lookback).UTC(), q.To.Add(q.Lateness).UTC()
	var keys []string
	for day := start.Truncate(24 * time.Hour); !day.After(end); day = day.Add(24 * time.Hour) {
		prefix := fmt.Sprintf("%sAWSLogs/%s/CloudTrail/%s/%s/", q.Prefix, q.Account, q.Region, day.Format("2006/01/02"))
		var token *string
		for {
			page, err := src.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(q.Bucket), Prefix: aws.String(prefix), ContinuationToken: token})
			if err != nil {
				return nil, fmt.Errorf("listing s3://%s/%s: %w", q.Bucket, prefix, err)
			}
			for _, o := range page.Contents {
				key := aws.ToString(o.Key)
				m := fileTime.FindStringSubmatch(key)
				if m == nil {
					continue
				}
				t, err := time.Parse("20060102T1504Z", m[1])
				if err != nil || t.Before(start) || t.After(end) {
					continue
				}
				keys = append(keys, key)
			}
			if !aws.ToBool(page.IsTruncated) {
				break
			}
			token = page.NextContinuationToken
		}
	}
	sort.Strings(keys) // the names start with the account and region, then the time
	return keys, nil
}

// readFile streams one log file's records into the builder.
func (b *builder) readFile(ctx context.Context, src Source, bucket, key string) error {
	out, err := src.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return fmt.Errorf("reading s3://%s/%s: %w", bucket, key, err)
	}
	defer out.Body.Close()
	b.report.Files++
	if err := b.decode(out.Body); err != nil {
		b.report.SkippedFiles++
		b.report.Problems = append(b.report.Problems, fmt.Sprintf("s3://%s/%s: %v", bucket, key, err))
	}
	return nil
}

// decode reads {"Records": [...]} from a gzipped stream one record at a time, so that a file never sits
// in memory whole.
func (b *builder) decode(r io.Reader) error {
	zr, err := gzip.NewReader(bufio.NewReader(r))
	if err != nil {
		return fmt.Errorf("not gzip: %w", err)
	}
	defer zr.Close()
	dec := json.NewDecoder(zr)
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("not CloudTrail JSON: %w", err)
		}
		if tok != "Records" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fmt.Errorf("not CloudTrail JSON: %w", err)
			}
			continue
		}
		if err := expectDelim(dec, '['); err != nil {
			return err
		}
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return fmt.Errorf("not CloudTrail JSON: %w", err)
			}
			var rec record
			if err := json.Unmarshal(raw, &rec); err != nil || rec.EventTime.IsZero() {
				b.report.SkippedRecords++
				continue
			}
			b.add(&rec)
		}
		if err := expectDelim(dec, ']'); err != nil {
			return err
		}
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("not CloudTrail JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return errors.New("not CloudTrail JSON: expected " + string(want))
	}
	return nil
}

// matchesUser tells whether a row is the queried user's: by claimed email or session name.
func matchesUser(q Query, claimed, session string) bool {
	return q.User == "" || strings.EqualFold(q.User, claimed) || strings.EqualFold(q.User, session)
}
