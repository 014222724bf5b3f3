// The Go side of bench/runtime/chan_bench.cpp: the same four channel shapes,
// measured with testing.Benchmark so b.N adapts like Google Benchmark's
// iteration count.  Prints one line per shape: "<shape> <ns per message>"
// (per round trip for ping-pong).  Run: go run chan_bench.go [-count N]
package main

import (
	"flag"
	"fmt"
	"sort"
	"sync"
	"testing"
)

const (
	bufferedCap    = 128
	producers      = 4
	consumers      = 4
	selectChannels = 4
)

// share of total for worker i of n, so the shares add up exactly.
func share(total, i, n int) int {
	s := total / n
	if i < total%n {
		s++
	}
	return s
}

func pingPong(b *testing.B) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for i := 0; i < b.N; i++ {
			pong <- <-ping
		}
	}()
	for i := 0; i < b.N; i++ {
		ping <- i
		<-pong
	}
}

func buffered1to1(b *testing.B) {
	ch := make(chan int, bufferedCap)
	go func() {
		for i := 0; i < b.N; i++ {
			ch <- i
		}
	}()
	for i := 0; i < b.N; i++ {
		<-ch
	}
}

func mpmc(b *testing.B) {
	ch := make(chan int, bufferedCap)
	var prod, cons sync.WaitGroup
	prod.Add(producers)
	cons.Add(consumers)
	for p := 0; p < producers; p++ {
		go func(n int) {
			for i := 0; i < n; i++ {
				ch <- i
			}
			prod.Done()
		}(share(b.N, p, producers))
	}
	for c := 0; c < consumers; c++ {
		go func() {
			for range ch {
			}
			cons.Done()
		}()
	}
	prod.Wait()
	close(ch)
	cons.Wait()
}

var sink int

func select4(b *testing.B) {
	var chans [selectChannels]chan int
	for k := range chans {
		chans[k] = make(chan int, bufferedCap)
		go func(ch chan int, n int) {
			for i := 0; i < n; i++ {
				ch <- i
			}
		}(chans[k], share(b.N, k, selectChannels))
	}
	sum := 0
	for i := 0; i < b.N; i++ {
		select {
		case v := <-chans[0]:
			sum += v
		case v := <-chans[1]:
			sum += v
		case v := <-chans[2]:
			sum += v
		case v := <-chans[3]:
			sum += v
		}
	}
	sink = sum
}

func main() {
	count := flag.Int("count", 5, "runs per shape; the median is printed")
	flag.Parse()
	shapes := []struct {
		name string
		fn   func(*testing.B)
	}{
		{"pingpong_unbuffered", pingPong},
		{"buffered_1to1", buffered1to1},
		{"mpmc_4x4", mpmc},
		{"select_4", select4},
	}
	for _, s := range shapes {
		runs := make([]float64, 0, *count)
		for i := 0; i < *count; i++ {
			r := testing.Benchmark(s.fn)
			runs = append(runs, float64(r.T.Nanoseconds())/float64(r.N))
		}
		sort.Float64s(runs)
		fmt.Printf("%s %.1f\n", s.name, runs[len(runs)/2])
	}
}
