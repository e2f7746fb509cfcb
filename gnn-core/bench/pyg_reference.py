"""PyTorch Geometric version of the cosmicweb GNN, for like-for-like training-step timings.

Same model as gnn-core's GnnModel: U unshared edge MLPs phi(x_i, x_j, e_ij)
(Linear -> LayerNorm -> SiLU -> Linear -> LayerNorm -> SiLU -> Linear, hidden 64, latent 16)
aggregated by sum, mean and max, a galaxy-halo MLP on x_i, a head MLP giving a mean and a
log-variance, Gaussian NLL, AdamW. Random graph as in `cosmicweb bench gnn --json`: receivers
and senders uniform over the nodes, 3 node and 6 edge features.

    python3 pyg_reference.py --device cuda --nodes 20000 --edges 200000 --heads 1

prints one JSON object per run. Not part of the build; run it where PyTorch Geometric is installed.
"""
import argparse
import json
import time

import torch
from torch import nn
from torch_geometric.nn import MessagePassing


def mlp(inp, hidden, out):
    return nn.Sequential(nn.Linear(inp, hidden), nn.LayerNorm(hidden), nn.SiLU(),
                         nn.Linear(hidden, hidden), nn.LayerNorm(hidden), nn.SiLU(),
                         nn.Linear(hidden, out))


class EdgeInteraction(MessagePassing):
    def __init__(self, node_dim, edge_dim, hidden, latent):
        super().__init__(aggr=["sum", "mean", "max"])
        self.phi = mlp(2 * node_dim + edge_dim, hidden, latent)

    def forward(self, x, edge_index, edge_attr):
        return self.propagate(edge_index, x=x, edge_attr=edge_attr)

    def message(self, x_i, x_j, edge_attr):
        return self.phi(torch.cat([x_i, x_j, edge_attr], dim=-1))


class Gnn(nn.Module):
    def __init__(self, node_dim, edge_dim, heads, hidden, latent):
        super().__init__()
        self.heads = nn.ModuleList(EdgeInteraction(node_dim, edge_dim, hidden, latent) for _ in range(heads))
        self.galaxy_halo = mlp(node_dim, hidden, latent)
        self.head = mlp(heads * 3 * latent + latent, hidden, 2)

    def forward(self, x, edge_index, edge_attr):
        env = [h(x, edge_index, edge_attr) for h in self.heads]
        return self.head(torch.cat(env + [self.galaxy_halo(x)], dim=-1))


def gaussian_nll(out, y):
    mu, log_var = out[:, 0], out[:, 1].clamp(-20, 20)
    return 0.5 * ((y - mu) ** 2 * torch.exp(-log_var) + log_var).mean()


def run(args):
    torch.manual_seed(1)
    dev = torch.device(args.device)
    if args.threads:
        torch.set_num_threads(args.threads)
    n, e = args.nodes, args.edges
    edge_index = torch.stack([torch.randint(0, n, (e,)), torch.randint(0, n, (e,))]).to(dev)  # [sender, receiver]
    x = torch.randn(n, 3, device=dev)
    ea = torch.randn(e, 6, device=dev)
    y = torch.randn(n, device=dev)
    model = Gnn(3, 6, args.heads, args.hidden, args.latent).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = gaussian_nll(model(x, edge_index, ea), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(args.warmup):
        step()
    if dev.type == "cuda":
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    t0 = time.perf_counter()
    for _ in range(args.steps):
        loss = step()
    loss = float(loss.detach())
    sec = (time.perf_counter() - t0) / args.steps
    peak = round(torch.cuda.max_memory_allocated() / 2**20) if dev.type == "cuda" else None
    print(json.dumps({"impl": "pyg", "torch": torch.__version__, "device": args.device,
                      "threads": torch.get_num_threads(), "nodes": n, "edges": e, "heads": args.heads,
                      "seconds_per_step": round(sec, 5), "edges_per_second": round(e / sec),
                      "peak_gpu_mb": peak, "loss": round(loss, 4)}), flush=True)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cuda")
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--nodes", type=int, default=20000)
    p.add_argument("--edges", type=int, default=200000)
    p.add_argument("--heads", type=int, default=1)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--latent", type=int, default=16)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=5)
    run(p.parse_args())
