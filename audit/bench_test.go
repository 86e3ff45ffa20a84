package audit

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkScan scans a window of CloudTrail logs from gofakes3: files of 1,000 records, one login per 100
// reads, 50 users reading 200 objects. 10,000 events run in .ci/run; one million with
// IGV_AUDIT_BENCH_LARGE=1:
//
//	IGV_AUDIT_BENCH_LARGE=1 go test ./audit -run '^$' -bench Scan -benchtime 1x -timeout 30m
//
// It reports the scan's time per million events and the heap it held above what it started with.
func BenchmarkScan(b *testing.B) {
	sizes := []int{10_000}
	if os.Getenv("IGV_AUDIT_BENCH_LARGE") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	for _, events := range sizes {
		b.Run(fmt.Sprintf("events=%d", events), func(b *testing.B) {
			c := fakeS3(b)
			const perFile = 1000
			files := events / perFile
			for f := range files {
				when := at(0, 0).Add(time.Duration(f) * 20 * time.Second)
				recs := make([]map[string]any, 0, perFile)
				for i := range perFile {
					user := (f*perFile + i) % 50
					identity := fmt.Sprintf("eu-west-2:%08d-0000-4000-a000-000000000000", user)
					email := fmt.Sprintf("analyst.%02d@genomics-lab.example.org", user)
					key := fmt.Sprintf("ASIA%016d", user*1000+f/100)
					if i%100 == 0 {
						recs = append(recs, loginRecord(when, identity, email, key))
						continue
					}
					recs = append(recs, read(when, identity, email, key, "GetObject", "clinical", fmt.Sprintf("cohort/P%03d.cram", i%200), 512000))
				}
				put(b, c, logKey(when, fmt.Sprintf("f%06d", f)), gzipped(b, recs))
			}
			q := query(at(0, 0), at(23, 59))
			b.ResetTimer()
			for range b.N {
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				var peak atomic.Uint64
				stop := make(chan struct{})
				var wg sync.WaitGroup
				wg.Add(1)
				go func() { // sample the heap while the scan runs
					defer wg.Done()
					var m runtime.MemStats
					for {
						select {
						case <-stop:
							return
						case <-time.After(20 * time.Millisecond):
							runtime.ReadMemStats(&m)
							if m.HeapInuse > peak.Load() {
								peak.Store(m.HeapInuse)
							}
						}
					}
				}()
				start := time.Now()
				r, err := Scan(context.Background(), c, q, nil)
				elapsed := time.Since(start)
				close(stop)
				wg.Wait()
				if err != nil {
					b.Fatal(err)
				}
				if r.Records != events {
					b.Fatalf("scanned %d records, want %d", r.Records, events)
				}
				b.ReportMetric(elapsed.Seconds()*1e6/float64(events), "s/Mevents")
				b.ReportMetric(float64(int64(peak.Load())-int64(before.HeapInuse))/1e6, "MB-heap-peak")
				b.ReportMetric(float64(len(r.Rows)), "rows")
			}
		})
	}
}
