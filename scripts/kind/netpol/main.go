// tp-netpol enforces NetworkPolicies on the kind tier, with the controller of
// sigs.k8s.io/kube-network-policies (what kindnetd runs): it judges the first
// packet of every connection in user space, read from an NFQUEUE.
//
// Upstream steers packets to that queue with the nftables `queue` statement,
// which this machine's kernel lacks (CONFIG_NFT_QUEUE is not set): its
// nftables table cannot be loaded, and it logs that on every sync. The kernel
// does have the xtables NFQUEUE target (CONFIG_NETFILTER_XT_TARGET_NFQUEUE), so
// this program steers the same packets with iptables — new connections to or
// from a pod, not sent by root on the node, in mangle POSTROUTING (before
// source NAT, after kube-proxy's DNAT: the addresses are the pods') — and runs
// the upstream controller unchanged to judge them.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"time"

	"golang.org/x/sys/unix"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
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
	podCIDRs, err := clusterPodCIDRs(ctx, client)
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
	done := make(chan error, 1)
	go func() { done <- controller.Run(ctx) }()
	factory.Start(ctx.Done())

	// The queue's reader is up once the caches are synced; until then --queue-bypass lets packets through.
	if err := steer(queueID, podCIDRs); err != nil {
		return err
	}
	klog.InfoS("steering new pod connections to the NFQUEUE", "queue", queueID, "podCIDRs", podCIDRs)
	defer unsteer()

	select {
	case <-ctx.Done():
		return nil
	case err := <-done:
		return err
	}
}

// clusterPodCIDRs: every node's podCIDRs (kind's nodes are fixed for the cluster's life).
func clusterPodCIDRs(ctx context.Context, client kubernetes.Interface) ([]string, error) {
	for {
		nodes, err := client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
		if err == nil {
			cidrs := []string{}
			for _, node := range nodes.Items {
				cidrs = append(cidrs, node.Spec.PodCIDRs...)
			}
			if len(cidrs) > 0 {
				return cidrs, nil
			}
		}
		klog.InfoS("waiting for the nodes' podCIDRs", "error", err)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

func iptables(args ...string) error {
	out, err := exec.Command("iptables", append([]string{"-w", "5", "-t", "mangle"}, args...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("iptables %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// steer (re)writes the chain and its jump: idempotent, so a restarted pod finds its own rules.
func steer(queueID int, podCIDRs []string) error {
	_ = iptables("-N", chain)
	if err := iptables("-F", chain); err != nil {
		return err
	}
	queue := []string{"-j", "NFQUEUE", "--queue-num", fmt.Sprint(queueID), "--queue-bypass"}
	rules := [][]string{
		{"-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "RETURN"},
		// The node's own root processes (kubelet's probes) are never judged, as upstream does.
		{"-m", "owner", "--uid-owner", "0", "-j", "RETURN"},
	}
	for _, cidr := range podCIDRs {
		rules = append(rules, append([]string{"-s", cidr}, queue...), append([]string{"-d", cidr}, queue...))
	}
	for _, rule := range rules {
		if err := iptables(append([]string{"-A", chain}, rule...)...); err != nil {
			return err
		}
	}
	if iptables("-C", "POSTROUTING", "-j", chain) != nil {
		return iptables("-I", "POSTROUTING", "1", "-j", chain)
	}
	return nil
}

func unsteer() {
	for iptables("-D", "POSTROUTING", "-j", chain) == nil {
	}
	_ = iptables("-F", chain)
	_ = iptables("-X", chain)
}
