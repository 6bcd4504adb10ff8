"""The P-frame model starts as exactly the image model, and its new paths can learn."""

import torch

from training.model import LicImageModel
from training.pframe_model import LicPFrameModel, from_image_weights


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
