"""The P-frame model starts as exactly the image model, and its new paths can learn; the
full-resolution synthesis path starts as exactly the model without it."""

import pytest
import torch

from training.model import LicImageModel
from training.pframe_model import LicPFrameModel, from_image_weights, has_full_res, load_pframe_weights
from training.train_pframe import extended_optimizer_state, optimizer_fits


def image_and_pframe():
    torch.manual_seed(0)
    image = LicImageModel().eval()
    # A fresh image model's latent coder is near zero everywhere: perturb the gains so that its
    # output depends on the input.
    with torch.no_grad():
        image.log_gain.add_(1.0)
    pframe = from_image_weights(image.state_dict()).eval()
    return image, pframe


def test_untrained_pframe_model_is_the_image_model():
    image, pframe = image_and_pframe()
    x, pred = torch.rand(2, 3, 128, 192), torch.rand(2, 3, 128, 192)
    q = torch.tensor([1.0, 8.5])
    with torch.no_grad():
        expected = image(x, q, eval_mode=True)
        got = pframe(x, pred, q, eval_mode=True)
        assert all(torch.equal(a, b) for a, b in zip(expected, got))
        # Training mode draws the same noise in the same order.
        torch.manual_seed(3)
        expected = image(x, q)
        torch.manual_seed(3)
        got = pframe(x, pred, q)
        assert all(torch.equal(a, b) for a, b in zip(expected, got))


def test_new_paths_get_gradients_and_then_see_the_prediction():
    _, pframe = image_and_pframe()
    pframe.train()
    x, pred = torch.rand(1, 3, 64, 64), torch.rand(1, 3, 64, 64)
    x_hat, bits_y, bits_z = pframe(x, pred, torch.tensor([5.0]))
    ((x - x_hat) ** 2).mean().mul(1000).add((bits_y + bits_z).mean() / 4096).backward()
    last_layers = [pframe.analysis_pred.weight, pframe.analysis_quarter.out.weight,
                   pframe.mean_inject.out.weight, pframe.synthesis_quarter.out.weight,
                   pframe.synthesis_half.out.weight]
    assert all(float(p.grad.abs().sum()) > 0 for p in last_layers)
    with torch.no_grad():
        for p in last_layers:
            p.add_(0.01 * torch.sign(p.grad))
    pframe.eval()
    with torch.no_grad():
        a = pframe(x, pred, torch.tensor([5.0]), eval_mode=True)[0]
        b = pframe(x, torch.zeros_like(pred), torch.tensor([5.0]), eval_mode=True)[0]
    assert not torch.equal(a, b)


def test_saved_weights_fit_the_git_budget_and_reload():
    """The float16 moving average kept in git stays under 16 MiB (.ci/check-large-files allows
    one checkpoint per model; the image model's is 15 MiB)."""
    _, pframe = image_and_pframe()
    state = pframe.state_dict()
    assert sum(v.numel() * 2 for v in state.values() if v.is_floating_point()) < 16 * 2 ** 20
    again = LicPFrameModel()
    again.load_state_dict(state)
    names = {n for n, _ in pframe.named_parameters()}
    assert {n for n in names if not n.startswith("image.")} == \
        {n for n, p in pframe.named_parameters() if any(p is q for q in pframe.new_parameters())}


def old_and_full_res():
    """A P model without the full-resolution path (its zero-started paths given weights, as a trained
    one has), and that model's weights loaded into a full_res model."""
    _, old = image_and_pframe()
    with torch.no_grad():
        for name, p in old.named_parameters():
            if not name.startswith("image.") and p.abs().max() == 0:
                p.normal_(0, 0.05)
    full = load_pframe_weights(old.state_dict(), full_res=True).eval()
    return old, full


def test_full_res_model_from_old_weights_computes_what_the_old_model_computes():
    old, full = old_and_full_res()
    assert not has_full_res(old.state_dict()) and has_full_res(full.state_dict()) and full.full_res
    x, pred = torch.rand(2, 3, 128, 192), torch.rand(2, 3, 128, 192)
    q = torch.tensor([2.0, 7.5])
    with torch.no_grad():
        expected = old(x, pred, q, eval_mode=True)
        got = full(x, pred, q, eval_mode=True)
        assert all(torch.equal(a, b) for a, b in zip(expected, got))
        torch.manual_seed(5)
        expected = old.train()(x, pred, q)
        torch.manual_seed(5)
        got = full.train()(x, pred, q)
        assert all(torch.equal(a, b) for a, b in zip(expected, got))
        # Perturbing the new output layer changes the pictures (not the bits: the path is after y).
        full.eval()
        old.eval()
        full.synthesis_full.out.weight.normal_(0, 0.05)
        x_hat, bits_y, _ = full(x, pred, q, eval_mode=True)
        old_x_hat, old_bits_y, _ = old(x, pred, q, eval_mode=True)
        assert not torch.equal(x_hat, old_x_hat) and torch.equal(bits_y, old_bits_y)


def test_gradients_reach_the_full_res_path_and_it_then_sees_the_prediction():
    _, full = old_and_full_res()
    full.train()
    x, pred = torch.rand(1, 3, 64, 64), torch.rand(1, 3, 64, 64)
    x_hat, bits_y, bits_z = full(x, pred, torch.tensor([5.0]))
    ((x - x_hat) ** 2).mean().mul(1000).add((bits_y + bits_z).mean() / 4096).backward()
    out = full.synthesis_full.out
    assert float(out.weight.grad.abs().sum()) > 0 and float(out.bias.grad.abs().sum()) > 0
    assert any(p is out.weight for p in full.new_parameters())
    with torch.no_grad():
        out.weight.add_(0.01 * torch.sign(out.weight.grad))
        full.eval()
        # Through the full-resolution path alone: the synthesis of one latent with another
        # full-resolution pred (same f4, f2).
        y = torch.rand(1, full.m, 4, 4)
        f2, f4, _ = full.pred_features(pred)
        a = full.synthesis(y, f4, f2, pred)
        b = full.synthesis(y, f4, f2, torch.zeros_like(pred))
    assert not torch.equal(a, b)
    with pytest.raises(ValueError):
        full.synthesis(y, f4, f2)


def test_loading_weights_keeps_or_refuses_the_architecture():
    old, full = old_and_full_res()
    assert not load_pframe_weights(old.state_dict()).full_res
    assert load_pframe_weights(full.state_dict()).full_res
    half = {k: v.half() if v.is_floating_point() else v for k, v in full.state_dict().items()}
    assert load_pframe_weights(half).full_res
    with pytest.raises(ValueError):
        load_pframe_weights(full.state_dict(), full_res=False)
    broken = dict(old.state_dict())
    del broken["synthesis_half.out.weight"]
    with pytest.raises(ValueError):
        load_pframe_weights(broken, full_res=True)


def stepped_adam(model, grad=torch.zeros_like):
    """The trainer's two parameter groups, after one step with the given gradients."""
    opt = torch.optim.Adam([{"params": model.new_parameters()}, {"params": model.image_parameters()}])
    for p in model.parameters():
        p.grad = grad(p)
    opt.step()
    return opt


def test_an_old_optimiser_state_does_not_fit_the_full_res_model():
    old, full = old_and_full_res()
    adam = stepped_adam
    saved = adam(old).state_dict()
    assert optimizer_fits(adam(load_pframe_weights(old.state_dict())), saved)
    assert not optimizer_fits(adam(full), saved)


def test_an_old_optimiser_state_carries_over_to_the_full_res_model():
    old, full = old_and_full_res()

    def adam(model):
        return stepped_adam(model, torch.ones_like)

    saved = adam(old).state_dict()
    opt = torch.optim.Adam([{"params": full.new_parameters()}, {"params": full.image_parameters()}])
    carried = extended_optimizer_state(opt, saved)
    assert carried is not None
    opt.load_state_dict(carried)
    names = {id(p): n for n, p in full.named_parameters()}
    old_moments = {n: saved["state"][i]["exp_avg"] for i, n in
                   enumerate([n for n, _ in old.named_parameters() if not n.startswith("image.")]
                             + [n for n, _ in old.named_parameters() if n.startswith("image.")])}
    for group in opt.param_groups:
        for p in group["params"]:
            name = names[id(p)]
            if name.startswith("synthesis_full."):
                assert p not in opt.state
            else:
                assert torch.equal(opt.state[p]["exp_avg"], old_moments[name])
    # Groups that lost parameters, or changed shape, do not carry over.
    assert extended_optimizer_state(adam(old), adam(full).state_dict()) is None
