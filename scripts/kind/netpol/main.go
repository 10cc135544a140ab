// tp-netpol enforces NetworkPolicies on the kind tier, with the controller of
// sigs.k8s.io/kube-network-policies (what kindnetd runs): it judges the first
// packet of every connection in user space, read from an NFQUEUE.
//
// Upstream steers packets to that queue with the nftables `queue` statement,
// which this machine's kernel lacks (CONFIG_NFT_QUEUE is not set): its
// nftables table cannot be loaded, and it logs that on every sync. The kernel
// does have the xtables NFQUEUE target (CONFIG_NETFILTER_XT_TARGET_NFQUEUE), so
// this program steers the same packets with iptables — new connections to or
// from a pod of this node that a NetworkPolicy selects (upstream's own set:
// traffic of the other pods never waits on user space), not sent by root on the
// node, in mangle POSTROUTING (before source NAT, after kube-proxy's DNAT: the
// addresses are the pods') — and runs the upstream controller unchanged to
// judge them.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"sort"
	"strings"
	"time"

	"golang.org/x/sys/unix"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/klog/v2"
	"sigs.k8s.io/kube-network-policies/pkg/networkpolicy"
)

const chain = "TP-NETPOL"

func main() {
	queueID := flag.Int("nfqueue-id", 100, "the NFQUEUE the controller reads")
	nodeName := flag.String("hostname-override", "", "this node's name (the DaemonSet passes spec.nodeName)")
	klog.InitFlags(nil)
	flag.Parse()
	if err := run(*queueID, *nodeName); err != nil {
		klog.ErrorS(err, "tp-netpol stopped")
		os.Exit(1)
	}
}

func run(queueID int, nodeName string) error {
	ctx, stop := signal.NotifyContext(context.Background(), unix.SIGINT, unix.SIGTERM)
	defer stop()

	config, err := rest.InClusterConfig()
	if err != nil {
		return err
	}
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return err
	}
	factory := informers.NewSharedInformerFactory(client, 0)
	controller, err := networkpolicy.NewController(client,
		factory.Networking().V1().NetworkPolicies(), factory.Core().V1().Namespaces(), factory.Core().V1().Pods(),
		nil, nil, nil, nil,
		networkpolicy.Config{
			// A crashed or overloaded enforcer lets traffic through rather than
			// break the other tests sharing the cluster; a policy's verdict still drops.
			FailOpen: true,
			QueueID:  queueID,
			NodeName: nodeName,
			// The kernel has the conntrack fix (6.12+): no DNS detour needed.
			NetfilterBug1766Fix: false,
		})
	if err != nil {
		return err
	}
	// Its handlers are registered before the informers start.
	steering := newSteering(factory, nodeName, queueID)
	done := make(chan error, 1)
	go func() { done <- controller.Run(ctx) }()
	factory.Start(ctx.Done())
	// The queue's reader is up once the caches are synced; until then --queue-bypass lets packets through.
	defer unsteer()
	go steering.run(ctx)

	select {
	case <-ctx.Done():
		return nil
	case err := <-done:
		return err
	}
}

// steering keeps the TP-NETPOL chain listing the addresses of this node's pods
// that some NetworkPolicy selects, rewritten whenever a pod or a policy changes.
type steering struct {
	factory  informers.SharedInformerFactory
	nodeName string
	queueID  int
	changed  chan struct{}
	applied  string
}

func newSteering(factory informers.SharedInformerFactory, nodeName string, queueID int) *steering {
	s := &steering{factory: factory, nodeName: nodeName, queueID: queueID, changed: make(chan struct{}, 1)}
	poke := func() {
		select {
		case s.changed <- struct{}{}:
		default:
		}
	}
	handler := cache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { poke() },
		UpdateFunc: func(any, any) { poke() },
		DeleteFunc: func(any) { poke() },
	}
	_, _ = factory.Core().V1().Pods().Informer().AddEventHandler(handler)
	_, _ = factory.Networking().V1().NetworkPolicies().Informer().AddEventHandler(handler)
	return s
}

func (s *steering) run(ctx context.Context) {
	pods := s.factory.Core().V1().Pods()
	policies := s.factory.Networking().V1().NetworkPolicies()
	if !cache.WaitForCacheSync(ctx.Done(), pods.Informer().HasSynced, policies.Informer().HasSynced) {
		return
	}
	// A resync now and then, besides every change: a failed iptables call is tried again.
	tick := time.NewTicker(30 * time.Second)
	defer tick.Stop()
	for {
		if err := s.sync(); err != nil {
			klog.ErrorS(err, "steering the selected pods to the NFQUEUE")
			s.applied = ""
		}
		select {
		case <-ctx.Done():
			return
		case <-s.changed:
			// Changes come in bursts (a Deployment's pods): one rewrite for the burst.
			time.Sleep(100 * time.Millisecond)
		case <-tick.C:
		}
	}
}

// selectedIPs: the addresses of this node's running pods that a NetworkPolicy of their namespace selects.
func (s *steering) selectedIPs() ([]string, error) {
	policies, err := s.factory.Networking().V1().NetworkPolicies().Lister().List(labels.Everything())
	if err != nil {
		return nil, err
	}
	podLister := s.factory.Core().V1().Pods().Lister()
	ips := map[string]bool{}
	for _, policy := range policies {
		selector, err := metav1.LabelSelectorAsSelector(&policy.Spec.PodSelector)
		if err != nil {
			continue
		}
		pods, err := podLister.Pods(policy.Namespace).List(selector)
		if err != nil {
			return nil, err
		}
		for _, pod := range pods {
			if pod.Spec.NodeName != s.nodeName || pod.Spec.HostNetwork {
				continue
			}
			for _, ip := range pod.Status.PodIPs {
				if !strings.Contains(ip.IP, ":") {
					ips[ip.IP] = true
				}
			}
		}
	}
	list := make([]string, 0, len(ips))
	for ip := range ips {
		list = append(list, ip)
	}
	sort.Strings(list)
	return list, nil
}

// sync rewrites the chain in one iptables-restore (the other chains untouched) when the set changed.
func (s *steering) sync() error {
	ips, err := s.selectedIPs()
	if err != nil {
		return err
	}
	queue := fmt.Sprintf("-j NFQUEUE --queue-num %d --queue-bypass", s.queueID)
	var rules strings.Builder
	fmt.Fprintf(&rules, "*mangle\n:%s - [0:0]\n", chain)
	fmt.Fprintf(&rules, "-A %s -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN\n", chain)
	// The node's own root processes (kubelet's probes) are never judged, as upstream does.
	fmt.Fprintf(&rules, "-A %s -m owner --uid-owner 0 -j RETURN\n", chain)
	for _, ip := range ips {
		fmt.Fprintf(&rules, "-A %s -s %s/32 %s\n-A %s -d %s/32 %s\n", chain, ip, queue, chain, ip, queue)
	}
	rules.WriteString("COMMIT\n")
	if rules.String() == s.applied {
		return nil
	}
	restore := exec.Command("iptables-restore", "-w", "5", "--noflush")
	restore.Stdin = strings.NewReader(rules.String())
	if out, err := restore.CombinedOutput(); err != nil {
		return fmt.Errorf("iptables-restore: %v: %s", err, out)
	}
	if iptables("-C", "POSTROUTING", "-j", chain) != nil {
		if err := iptables("-I", "POSTROUTING", "1", "-j", chain); err != nil {
			return err
		}
	}
	s.applied = rules.String()
	klog.InfoS("steering new connections of the pods NetworkPolicies select to the NFQUEUE", "queue", s.queueID, "pods", len(ips))
	return nil
}

func iptables(args ...string) error {
	out, err := exec.Command("iptables", append([]string{"-w", "5", "-t", "mangle"}, args...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("iptables %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

func unsteer() {
	for iptables("-D", "POSTROUTING", "-j", chain) == nil {
	}
	_ = iptables("-F", chain)
	_ = iptables("-X", chain)
}
