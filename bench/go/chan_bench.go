// The Go side of bench/runtime/chan_bench.cpp: one steady-state measurement
// of one shape, the same way.
//
//	chan_bench <pingpong|spsc|mpmc|select> <capacity> <messages>
//
// The goroutines are started once and released together; the clock starts
// when the consumers have taken the first tenth of the messages and stops
// when they took the last.  Prints "<wall ns per message> <CPU ns per
// message>", CPU being the whole process's (CLOCK_PROCESS_CPUTIME_ID) over
// the same window, then the process's context switches (every thread) per
// 1000 messages.  GOMAXPROCS is Go's default, the number of CPUs.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

const (
	producers             = 4
	consumers             = 4
	selectChannels        = 4
	progressBatch         = 1024
	clockProcessCPUTimeID = 2 // CLOCK_PROCESS_CPUTIME_ID
)

func cpuNow() int64 {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}

// contextSwitches of the whole process so far (voluntary and involuntary).
func contextSwitches() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Nvcsw + ru.Nivcsw
}

// share of total for worker i of n, so the shares add up exactly.
func share(total int64, i, n int) int64 {
	s := total / int64(n)
	if int64(i) < total%int64(n) {
		s++
	}
	return s
}

// window is marked by the consumers as they go (see chan_bench.cpp).
type window struct {
	messages, warmup         int64
	consumers                int32
	taken                    int64
	finished                 int32
	wall0, wall1             time.Time
	cpu0, cpu1, measuredFrom int64
	switches0, switches1     int64
}

func (w *window) progress(n int64) {
	before := atomic.AddInt64(&w.taken, n) - n
	if before < w.warmup && before+n >= w.warmup {
		w.wall0 = time.Now()
		w.cpu0 = cpuNow()
		w.switches0 = contextSwitches()
		w.measuredFrom = before + n
	}
}

func (w *window) consumerDone() {
	if atomic.AddInt32(&w.finished, 1) == w.consumers {
		w.wall1 = time.Now()
		w.cpu1 = cpuNow()
		w.switches1 = contextSwitches()
	}
}

func (w *window) print() {
	n := float64(w.messages - w.measuredFrom)
	fmt.Printf("%.1f %.1f %.2f\n", float64(w.wall1.Sub(w.wall0).Nanoseconds())/n, float64(w.cpu1-w.cpu0)/n,
		1000*float64(w.switches1-w.switches0)/n)
}

// counter batches a consumer's progress.
type counter struct {
	w       *window
	pending int64
}

func (c *counter) one() {
	c.pending++
	if c.pending == progressBatch {
		c.w.progress(c.pending)
		c.pending = 0
	}
}

func (c *counter) done() {
	c.w.progress(c.pending)
	c.w.consumerDone()
}

// group starts goroutines together once all exist.
type group struct {
	started, done sync.WaitGroup
	gate          chan struct{}
}

func newGroup() *group { return &group{gate: make(chan struct{})} }

func (g *group) spawn(f func()) {
	g.started.Add(1)
	g.done.Add(1)
	go func() {
		g.started.Done()
		<-g.gate
		f()
		g.done.Done()
	}()
}

func (g *group) run() {
	g.started.Wait()
	close(g.gate)
	g.done.Wait()
}

func pingpong(capacity int, n int64) {
	ping, pong := make(chan int64, capacity), make(chan int64, capacity)
	w := &window{messages: n, warmup: n / 10, consumers: 1}
	g := newGroup()
	g.spawn(func() {
		for i := int64(0); i < n; i++ {
			pong <- <-ping
		}
	})
	g.spawn(func() {
		c := counter{w: w}
		for i := int64(0); i < n; i++ {
			ping <- i
			<-pong
			c.one()
		}
		c.done()
	})
	g.run()
	w.print()
}

func spsc(capacity int, n int64) {
	ch := make(chan int64, capacity)
	w := &window{messages: n, warmup: n / 10, consumers: 1}
	g := newGroup()
	g.spawn(func() {
		for i := int64(0); i < n; i++ {
			ch <- i
		}
	})
	g.spawn(func() {
		c := counter{w: w}
		for i := int64(0); i < n; i++ {
			<-ch
			c.one()
		}
		c.done()
	})
	g.run()
	w.print()
}

func mpmc(capacity int, n int64) {
	ch := make(chan int64, capacity)
	w := &window{messages: n, warmup: n / 10, consumers: consumers}
	g := newGroup()
	var prod sync.WaitGroup
	prod.Add(producers)
	for p := 0; p < producers; p++ {
		k := share(n, p, producers)
		g.spawn(func() {
			for i := int64(0); i < k; i++ {
				ch <- i
			}
			prod.Done()
		})
	}
	g.spawn(func() {
		prod.Wait()
		close(ch)
	})
	for c := 0; c < consumers; c++ {
		g.spawn(func() {
			cnt := counter{w: w}
			for range ch {
				cnt.one()
			}
			cnt.done()
		})
	}
	g.run()
	w.print()
}

var sink int64

func selectShape(capacity int, n int64) {
	var chans [selectChannels]chan int64
	w := &window{messages: n, warmup: n / 10, consumers: 1}
	g := newGroup()
	for k := range chans {
		chans[k] = make(chan int64, capacity)
		ch, m := chans[k], share(n, k, selectChannels)
		g.spawn(func() {
			for i := int64(0); i < m; i++ {
				ch <- i
			}
		})
	}
	g.spawn(func() {
		c := counter{w: w}
		var sum int64
		for i := int64(0); i < n; i++ {
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
			c.one()
		}
		sink = sum
		c.done()
	})
	g.run()
	w.print()
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: chan_bench <pingpong|spsc|mpmc|select> <capacity> <messages>")
	os.Exit(2)
}

func main() {
	if len(os.Args) != 4 {
		usage()
	}
	capacity, err1 := strconv.Atoi(os.Args[2])
	n, err2 := strconv.ParseInt(os.Args[3], 10, 64)
	if err1 != nil || err2 != nil || capacity < 0 || n < 100 {
		usage()
	}
	switch os.Args[1] {
	case "pingpong":
		pingpong(capacity, n)
	case "spsc":
		spsc(capacity, n)
	case "mpmc":
		mpmc(capacity, n)
	case "select":
		selectShape(capacity, n)
	default:
		usage()
	}
}
